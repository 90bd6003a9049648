import { describe, expect, it } from 'vitest';
import { welchDifferenceInterval, welchTTest, type WelchResult } from './welch.ts';

describe("Welch's t-test", () => {
  it('reproduces a hand-checked example', () => {
    // a: mean 20, var 2.5 (n 5); b: mean 23, var 10 (n 5).
    // t = 3 / sqrt(0.5 + 2) = 1.8974; df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625 = 5.882.
    const result = welchTTest([18, 19, 20, 21, 22], [19, 21, 23, 25, 27]) as WelchResult;
    expect(result?.t).toBeCloseTo(1.8974, 4);
    expect(result?.df).toBeCloseTo(5.8824, 4);
    // Two-sided p for t = 1.897 at ~5.9 df lies between the 0.10 (1.943 at 6 df) and 0.20 levels:
    // scipy.stats.ttest_ind(b, a, equal_var=False).pvalue = 0.1075312 (at 6.88 df it would be 0.1003).
    expect(result?.pValue).toBeCloseTo(0.1075312, 6);
  });

  it('is undefined below two replications', () => {
    expect(welchTTest([1], [1, 2])).toBeNull();
  });

  it('gives p = 1 to two equal constant samples, within floating-point rounding', () => {
    expect(welchTTest([3, 3, 3], [3, 3])).toEqual({ kind: 'no spread', sign: 0, pValue: 1 });
    expect(welchTTest([0.3, 0.3], [0.1 + 0.2, 0.1 + 0.2])).toEqual({ kind: 'no spread', sign: 0, pValue: 1 });
  });

  it('gives two constant, unequal samples the exact permutation p, not p = 0 from an infinite t', () => {
    // 1 / C(5, 3) with unequal sizes, 2 / C(6, 3) with equal ones (no-spread.ts relabellingExtremeP).
    expect(welchTTest([3, 3, 3], [4, 4])).toEqual({ kind: 'no spread', sign: 1, pValue: 0.1 });
    expect(welchTTest([4, 4, 4], [3, 3, 3])).toEqual({ kind: 'no spread', sign: -1, pValue: 0.1 });
  });
});

describe("Welch's interval of a difference of means", () => {
  it('reproduces scipy.stats.ttest_ind(equal_var=False).confidence_interval()', () => {
    // b − a = 4, standard error √(1/3 + 4/3), 2.94 df: [−0.15540, 8.15540].
    const [lo, hi] = welchDifferenceInterval([1, 2, 3], [4, 6, 8])!;
    expect(lo).toBeCloseTo(-0.1553995, 6);
    expect(hi).toBeCloseTo(8.1553995, 6);
  });

  it('is null below two values on a side, and the difference itself where neither side has spread', () => {
    expect(welchDifferenceInterval([1], [1, 2])).toBeNull();
    expect(welchDifferenceInterval([3, 3, 3], [4, 4])).toEqual([1, 1]);
  });
});
