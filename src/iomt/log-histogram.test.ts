import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, lognormal } from '../../sim/index.ts';
import { Histogram } from '../metrics/histogram.ts';
import { LogHistogram } from './log-histogram.ts';

/** Half a bucket's width relative to the values it holds from 1 up: 2^e / 1024 / 2 over at least 2^e. */
const HALF_BUCKET_RELATIVE = 1 / 2048;
/** Percentiles spread evenly over [0, 100]: doubles drawn by bit pattern would mostly lie near 0. */
const percentileArb = fc.integer({ min: 0, max: 100_000 }).map((k) => k / 1000);

function both(xs: readonly number[]): { approx: LogHistogram; exact: Histogram } {
  const approx = new LogHistogram();
  const exact = new Histogram();
  for (const x of xs) {
    approx.add(x);
    exact.add(x);
  }
  return { approx, exact };
}

describe('LogHistogram', () => {
  it('reports percentiles by Hyndman & Fan definition 7, as the exact Histogram, on a small sample', () => {
    // Type 7 interpolates between order statistics: p50 of 100, 200, 300, 400 is 250, not the
    // nearest-rank 200; p25 is 175, p95 385, p0 and p100 the min and max.
    const { approx, exact } = both([300, 100, 400, 200]);
    expect(exact.percentile(50)).toBe(250);
    for (const p of [0, 25, 50, 95, 99, 100]) {
      const e = exact.percentile(p);
      expect(Math.abs(approx.percentile(p) - e) / e, `p${p}`).toBeLessThanOrEqual(HALF_BUCKET_RELATIVE);
    }
    expect(approx.percentile(0)).toBe(100);
    expect(approx.percentile(100)).toBe(400);
    // A single sample is every percentile.
    expect(both([42]).approx.percentile(50)).toBe(42);
  });

  it('is within half a bucket (1/2048) of the exact type-7 percentile, and exact in mean, min and max', () => {
    const rng = new Rng(5);
    const xs: number[] = [];
    for (let i = 0; i < 50_000; i++) xs.push(lognormal(rng, Math.log(2500), 0.8));
    const { approx, exact } = both(xs);
    for (const p of [1, 50, 95, 99, 99.9]) {
      const e = exact.percentile(p);
      expect(Math.abs(approx.percentile(p) - e) / e, `p${p}`).toBeLessThanOrEqual(HALF_BUCKET_RELATIVE);
    }
    expect(approx.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 6);
    expect(approx.max).toBe(Math.max(...xs));
    expect(approx.min).toBe(Math.min(...xs));
  });

  it('is within half a bucket of the exact type-7 percentile for any sample from 1 up and any p', () => {
    // Ties are common in latencies (equal delays): draw from a few repeated values as well.
    const value = fc.oneof(fc.double({ min: 1, max: 1e7, noNaN: true }), fc.constantFrom(1, 2, 10, 100.5, 1024, 4096));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), percentileArb, (xs, p) => {
        const { approx, exact } = both(xs);
        const e = exact.percentile(p);
        // The bound is exact but for float rounding in the two interpolations.
        return Math.abs(approx.percentile(p) - e) <= e * HALF_BUCKET_RELATIVE * (1 + 1e-12);
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('is within 1/2048 in absolute terms for samples below 1, where the buckets are linear', () => {
    // Spread evenly over [0, 1): doubles drawn by bit pattern would mostly be far below a bucket's width.
    const value = fc.integer({ min: 0, max: 2 ** 20 - 1 }).map((k) => k / 2 ** 20);
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), percentileArb, (xs, p) => {
        const { approx, exact } = both(xs);
        return Math.abs(approx.percentile(p) - exact.percentile(p)) <= (1 / 2048) * (1 + 1e-12);
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});
