import { describe, expect, it } from 'vitest';
import { pairedDifferenceInterval, pairedTTest, type PairedTResult } from './paired-t.ts';
import { welchTTest } from './welch.ts';

describe('the paired t-test', () => {
  it('reproduces a hand-checked example', () => {
    // Differences 1, 2, 2, 0, 2: mean 1.4, sd √0.8, standard error 0.4, t = 3.5 at 4 df;
    // two-sided p = 0.02490 (scipy.stats.ttest_rel gives 0.024896).
    const result = pairedTTest([1, 2, 3, 4, 5], [2, 4, 5, 4, 7]) as PairedTResult;
    expect(result?.t).toBeCloseTo(3.5, 10);
    expect(result?.df).toBe(4);
    expect(result?.pValue).toBeCloseTo(0.024896, 5);
  });

  it('finds a small shift that Welch misses when the pairs share their noise', () => {
    const a = [10.2, 11.9, 9.1, 12.4, 10.8];
    const b = a.map((x, i) => x + 0.3 + (i % 2 === 0 ? 0.02 : -0.02));
    expect(pairedTTest(a, b)?.pValue).toBeLessThan(0.001);
    expect(welchTTest(a, b)?.pValue).toBeGreaterThan(0.5);
  });

  it('is undefined below two pairs, and refuses unequal lengths', () => {
    expect(pairedTTest([1], [2])).toBeNull();
    expect(() => pairedTTest([1, 2], [1, 2, 3])).toThrow('pairs need equal lengths');
  });

  it('gives p = 1 to pairs that do not differ', () => {
    expect(pairedTTest([1, 2, 3], [1, 2, 3])).toEqual({ kind: 'no spread', sign: 0, pValue: 1 });
  });

  it('gives equal non-zero differences the sign-flip p 2^(1−n), not p = 0 from an infinite t', () => {
    // Two replications of an integer metric: 45, 47 against 44, 46, both differences −1.
    expect(pairedTTest([45, 47], [44, 46])).toEqual({ kind: 'no spread', sign: -1, pValue: 0.5 });
    expect(pairedTTest([1, 2, 3], [2, 3, 4])).toEqual({ kind: 'no spread', sign: 1, pValue: 0.25 });
  });

  it('finds differences the same up to floating-point rounding without spread, not t near 1e15', () => {
    // 1.2 − 1.1, 2.3 − 2.2 and 3.4 − 3.3 are 0.1 apart in exact arithmetic, a few ulps apart in binary.
    expect(pairedTTest([1.1, 2.2, 3.3], [1.2, 2.3, 3.4])).toEqual({ kind: 'no spread', sign: 1, pValue: 0.25 });
  });
});

describe('the paired interval of a mean difference', () => {
  it('reproduces scipy.stats.ttest_rel(b, a).confidence_interval()', () => {
    // Differences 1..5: mean 3, standard error √2.5 / √5, t(0.975, 4) = 2.7764: [1.03676, 4.96324].
    const [lo, hi] = pairedDifferenceInterval([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])!;
    expect(lo).toBeCloseTo(1.0367568, 6);
    expect(hi).toBeCloseTo(4.9632432, 6);
  });

  it('is null below two pairs', () => {
    expect(pairedDifferenceInterval([1], [2])).toBeNull();
  });
});
