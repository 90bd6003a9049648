import { describe, expect, it } from 'vitest';
import { median, percentileNearestRank, quantileInterpolated } from './quantiles.ts';

describe('interpolated quantiles (type 7)', () => {
  it('give the middle value, or the mean of the two middle values, as the median', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolate linearly between order statistics', () => {
    expect(quantileInterpolated([0, 10], 0.25)).toBe(2.5);
    expect(quantileInterpolated([3, 1, 2], 1)).toBe(3);
  });
});

describe('nearest-rank percentiles (type 1)', () => {
  it('return an observed value: the smallest whose rank reaches p % of the sample', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentileNearestRank(values, 5)).toBe(15);
    expect(percentileNearestRank(values, 30)).toBe(20);
    expect(percentileNearestRank(values, 40)).toBe(20);
    expect(percentileNearestRank(values, 50)).toBe(35);
    expect(percentileNearestRank(values, 100)).toBe(50);
  });

  it('are NaN for an empty sample, as are interpolated ones', () => {
    expect(percentileNearestRank([], 95)).toBeNaN();
    expect(median([])).toBeNaN();
  });
});
