import { describe, expect, it } from 'vitest';
import { welchTTest, type WelchResult } from './welch.ts';

describe("Welch's t-test", () => {
  it('reproduces a hand-checked example', () => {
    // a: mean 20, var 2.5 (n 5); b: mean 23, var 10 (n 5).
    // t = 3 / sqrt(0.5 + 2) = 1.8974; df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625 = 5.882.
    const result = welchTTest([18, 19, 20, 21, 22], [19, 21, 23, 25, 27]) as WelchResult;
    expect(result?.t).toBeCloseTo(1.8974, 4);
    expect(result?.df).toBeCloseTo(5.8824, 4);
    // Two-sided p for t = 1.897 at ~5.9 df lies between the 0.10 (1.943 at 6 df) and 0.20 levels.
    expect(result?.pValue).toBeGreaterThan(0.1);
    expect(result?.pValue).toBeLessThan(0.11);
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
