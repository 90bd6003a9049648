import { describe, expect, it } from 'vitest';
import { QUANTILE_GRID, distributionOf, distributionsOf } from './distribution.ts';
import { Histogram } from './histogram.ts';

describe('latency distributions on the fixed quantile grid', () => {
  it('is every percent from 0 to 0.99, then 0.999 and 1', () => {
    expect(QUANTILE_GRID).toHaveLength(102);
    expect(QUANTILE_GRID.slice(0, 3)).toEqual([0, 0.01, 0.02]);
    expect(QUANTILE_GRID.slice(-4)).toEqual([0.98, 0.99, 0.999, 1]);
    for (let i = 1; i < QUANTILE_GRID.length; i++) expect(QUANTILE_GRID[i]!).toBeGreaterThan(QUANTILE_GRID[i - 1]!);
  });

  it('gives the exact quantiles of a known sample, added in any order', () => {
    // 0, 1, …, 100 shuffled: the quantile at k/100 is exactly k (rank (n − 1)·k/100 = k).
    const h = new Histogram();
    for (let i = 0; i <= 100; i++) h.add((i * 37) % 101);
    const d = distributionOf(h, 'ms')!;
    expect(d.unit).toBe('ms');
    expect(d.quantiles.slice(0, 100)).toEqual(Array.from({ length: 100 }, (_, k) => k));
    expect(d.quantiles[100]).toBeCloseTo(99.9, 12);
    expect(d.quantiles[101]).toBe(100);
  });

  it('interpolates between ranks as Histogram.percentile does', () => {
    const h = new Histogram();
    for (const x of [10, 20, 40]) h.add(x);
    const d = distributionOf(h, 'ms')!;
    // n − 1 = 2: q = 0.25 is halfway between 10 and 20; q = 0.75 halfway between 20 and 40.
    expect(d.quantiles[25]).toBe(15);
    expect(d.quantiles[50]).toBe(h.percentile(50));
    expect(d.quantiles[75]).toBe(30);
    expect(d.quantiles[99]).toBe(h.percentile(99));
  });

  it('takes a bucketed histogram\'s own percentiles, in thousandths', () => {
    const asked: number[] = [];
    const bucketed = {
      count: 3,
      percentile(p: number): number {
        asked.push(p);
        return 2 * p;
      },
    };
    const d = distributionOf(bucketed, 'ms')!;
    expect(asked.slice(0, 3)).toEqual([0, 1, 2]);
    expect(asked.slice(-2)).toEqual([99.9, 100]);
    expect(d.quantiles.slice(-2)).toEqual([199.8, 200]);
  });

  it('leaves out families with no sample', () => {
    const full = new Histogram();
    full.add(5);
    expect(distributionOf(new Histogram(), 'ms')).toBeUndefined();
    expect(Object.keys(distributionsOf({ a: { histogram: full, unit: 'ms' }, b: { histogram: new Histogram(), unit: 'ms' } }))).toEqual(['a']);
  });
});
