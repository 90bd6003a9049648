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

  it('compensates the sum for cancellation', () => {
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('is NaN where the sample is too small to say', () => {
    expect(mean([])).toBeNaN();
    expect(sampleVariance([3])).toBeNaN();
    expect(sum([])).toBe(0);
  });
});
