import { describe, expect, it } from 'vitest';
import { median, quantileInterpolated } from './quantiles.ts';

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

describe('empty samples', () => {
  it('give NaN', () => {
    expect(quantileInterpolated([], 0.95)).toBeNaN();
    expect(median([])).toBeNaN();
  });
});
