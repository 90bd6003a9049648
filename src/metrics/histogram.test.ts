import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.ts';
import { TimeWindows } from './windows.ts';

describe('Histogram', () => {
  it('computes exact percentiles by linear interpolation between ranks', () => {
    const h = new Histogram();
    for (const x of [5, 1, 4, 2, 3]) h.add(x);
    expect(h.percentile(50)).toBe(3);
    expect(h.percentile(25)).toBe(2);
    expect(h.percentile(90)).toBeCloseTo(4.6, 12);
    expect(h.summary()).toMatchObject({ count: 5, mean: 3, min: 1, max: 5 });
  });

  it('grows past its initial capacity and re-sorts after new samples', () => {
    const h = new Histogram();
    for (let i = 3000; i > 0; i--) h.add(i);
    expect(h.percentile(100)).toBe(3000);
    h.add(10_000);
    expect(h.percentile(100)).toBe(10_000);
    expect(h.count).toBe(3001);
  });

  it('is NaN when empty', () => {
    expect(new Histogram().summary().p99).toBeNaN();
  });
});

describe('TimeWindows', () => {
  it('turns sums into per-second rates and means per window', () => {
    const w = new TimeWindows(0, 2_000_000, 1_000_000);
    w.record('n', 100, 3);
    w.record('n', 999_999, 1);
    w.record('lat', 1_500_000, 10);
    w.record('lat', 1_600_000, 20);
    w.record('n', 2_000_000, 99);
    const rows = w.rows({ rate: 'n' }, { latMean: 'lat' });
    expect(rows).toEqual([
      { timeS: 1, rate: 4, latMean: NaN },
      { timeS: 2, rate: 0, latMean: 15 },
    ]);
  });
});
