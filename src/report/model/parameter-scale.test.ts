import { describe, expect, it } from 'vitest';
import { inValueOrder, parameterScaleOf } from './parameter-scale.ts';

describe('parameterScaleOf', () => {
  it('reads durations with the scenario unit parser, in the largest unit they are written in that keeps them at or above 1', () => {
    const scale = parameterScaleOf(['200ms', '50ms', '1s']);
    expect(scale?.unit).toBe('ms');
    expect(['200ms', '50ms', '1s'].map((v) => scale?.valueOf(v))).toEqual([200, 50, 1000]);
    expect(parameterScaleOf(['1s', '2s', '5s'])?.unit).toBe('s');
    expect(parameterScaleOf(['500us', '1ms'])?.unit).toBe('µs');
  });

  it('puts a sweep across decades in the unit of the middle of its range, written in it or not', () => {
    const mixed = parameterScaleOf(['500us', '1ms', '20ms', '2s']);
    expect(mixed?.unit).toBe('ms');
    expect(['500us', '1ms', '20ms', '2s'].map((v) => mixed?.valueOf(v))).toEqual([0.5, 1, 20, 2000]);
    expect(parameterScaleOf(['1000us', '1000000us'])?.unit).toBe('ms');
    expect(parameterScaleOf(['100Kbps', '1Gbps'])?.unit).toBe('Mbps');
  });

  it('reads sizes and bandwidths too, and leaves plain numbers without a unit', () => {
    const sizes = parameterScaleOf(['1MiB', '256KiB']);
    expect(sizes?.unit).toBe('KiB');
    expect(sizes?.valueOf('1MiB')).toBe(1024);
    expect(parameterScaleOf(['10Mbps', '1Gbps'])?.unit).toBe('Mbps');
    expect(parameterScaleOf([7, 4, 10])?.unit).toBe('');
  });

  it('reads a size sweep in the step of the ladder it is written in, and in no ladder it is not', () => {
    const binary = parameterScaleOf(['256B', '1MiB']);
    expect(binary?.unit).toBe('KiB');
    expect(['256B', '1MiB'].map((v) => binary?.valueOf(v))).toEqual([0.25, 1024]);
    expect(parameterScaleOf(['512B', '1MB'])?.unit).toBe('KB');
    // Bytes alone, or both ladders: no unit the values were not written in.
    expect(parameterScaleOf(['100B', '90000B'])?.unit).toBe('B');
    expect(parameterScaleOf(['100B', '1KB', '1MiB'])?.unit).toBe('KB');
  });

  it('puts words, and values of two kinds, on no scale', () => {
    expect(parameterScaleOf(['pbft', 'raft'])).toBeNull();
    expect(parameterScaleOf(['200ms', '1KB'])).toBeNull();
    expect(parameterScaleOf([true, false])).toBeNull();
    expect(parameterScaleOf(['200ms', 4])).toBeNull();
  });
});

describe('inValueOrder', () => {
  const order = (points: Record<string, unknown>[]) => inValueOrder(points, (p) => p).map((p) => Object.values(p).join(' '));

  it('orders the points of a sweep over durations, or numbers, by value, not the order --vary gave', () => {
    expect(order([{ t: '200ms' }, { t: '50ms' }, { t: '1s' }])).toEqual(['50ms', '200ms', '1s']);
    expect(order([{ n: 7 }, { n: 4 }, { n: 10 }])).toEqual(['4', '7', '10']);
  });

  it('keeps categories in the order given', () => {
    expect(order([{ p: 'raft' }, { p: 'pbft' }, { p: 'hotstuff' }])).toEqual(['raft', 'pbft', 'hotstuff']);
  });

  it('orders a grid by its first parameter outermost, each in its own order', () => {
    const grid = ['raft', 'pbft'].flatMap((p) => ['1s', '50ms'].map((t) => ({ p, t })));
    expect(order(grid)).toEqual(['raft 50ms', 'raft 1s', 'pbft 50ms', 'pbft 1s']);
  });
});

describe('a size sweep written in both ladders', () => {
  it('offers neither ladder\'s units it was not written in, even where one would read better', () => {
    // The middle of 500 KB to 4 GiB is 46 MB; MB is in neither value, so the axis stays in KB.
    const scale = parameterScaleOf(['500KB', '4GiB']);
    expect(scale?.unit).toBe('KB');
    expect(scale?.valueOf('4GiB')).toBe(4 * 1024 ** 3 / 1000);
  });
});
