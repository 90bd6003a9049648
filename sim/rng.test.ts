import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextU32());
}

describe('Rng', () => {
  it('gives the same sequence for the same seed and stream name', () => {
    expect(draws(new Rng(7).stream('device:42'), 20)).toEqual(draws(new Rng(7).stream('device:42'), 20));
  });

  it('does not change a stream when other streams are created and drawn from', () => {
    const alone = draws(new Rng(7).stream('device:42'), 50);
    const root = new Rng(7);
    const other = root.stream('device:1');
    draws(other, 1000);
    const again = root.stream('device:42');
    root.stream('device:43').float();
    expect(draws(again, 50)).toEqual(alone);
  });

  it('does not change a stream when the root is drawn from first', () => {
    const root = new Rng(7);
    draws(root, 100);
    expect(draws(root.stream('a'), 10)).toEqual(draws(new Rng(7).stream('a'), 10));
  });

  it('gives different sequences to different names and different seeds', () => {
    const a = draws(new Rng(7).stream('a'), 10);
    expect(draws(new Rng(7).stream('b'), 10)).not.toEqual(a);
    expect(draws(new Rng(8).stream('a'), 10)).not.toEqual(a);
  });

  it('names nested streams by their full path', () => {
    const nested = new Rng(1).stream('a').stream('b');
    expect(nested.name).toBe('a/b');
    expect(draws(nested, 5)).toEqual(draws(new Rng(1).stream('a/b'), 5));
  });

  it('draws floats in [0, 1) and open floats in (0, 1)', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 20_000; i++) {
      const f = rng.float();
      const o = rng.floatOpen();
      expect(f >= 0 && f < 1 && o > 0 && o < 1).toBe(true);
    }
  });

  it('draws integers in [0, n) with every value equally likely (chi-square, 9 df)', () => {
    const rng = new Rng(11);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.int(10)]! += 1;
    const expected = n / 10;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.88); // 99.9th percentile of chi-square with 9 df
  });

  it('draws a float from the next two 32-bit outputs (27 high bits, then 26), interleaved with integer draws', () => {
    const a = new Rng(5).stream('x');
    const b = new Rng(5).stream('x');
    for (let i = 0; i < 1000; i++) {
      if (i % 3 === 0) expect(a.nextU32()).toBe(b.nextU32());
      const hi = b.nextU32() >>> 5;
      const lo = b.nextU32() >>> 6;
      expect(a.float()).toBe((hi * 67108864 + lo) / 2 ** 53);
    }
  });

  it('rejects a seed that is not a safe integer', () => {
    expect(() => new Rng(1.5)).toThrow(/safe integer/);
  });
});
