import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, sampleSd, sampleVariance, sum } from './descriptive.ts';

describe('descriptive statistics', () => {
  it('gives mean, variance and sd of a small sample', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
    expect(sampleSd([1, 3])).toBeCloseTo(Math.SQRT2, 12);
  });

  it('keeps the digits of values far from zero (1e9 + {0.1, 0.2, 0.3} has sd 0.1)', () => {
    expect(sampleSd([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3])).toBeCloseTo(0.1, 6);
  });

  it('gives equal values their value as the mean, and no spread: 0.7 three times has mean 0.7, not 0.6999999999999998', () => {
    expect(mean([0.7, 0.7, 0.7])).toBe(0.7);
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
    expect(sampleSd([0.7, 0.7, 0.7])).toBe(0);
  });

  it('never gives a mean outside the values, however they round', () => {
    // Half of each sample one repeated value, where rounding most often leaves [min, max].
    const sample = fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 9 }), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 3 }));
    fc.assert(
      fc.property(sample, ([repeated, times, others]) => {
        const values = [...Array<number>(times).fill(repeated), ...others];
        const m = mean(values);
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      }),
      { seed: 7 },
    );
  });

  it('compensates the sum for cancellation', () => {
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('is NaN where the sample is too small to say', () => {
    expect(mean([])).toBeNaN();
    expect(sampleVariance([3])).toBeNaN();
    expect(sum([])).toBe(0);
  });
});
