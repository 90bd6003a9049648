import { describe, expect, it } from 'vitest';
import { pairedTTest } from './paired-t.ts';
import { relabellingTest, signFlipTest, relabellingFloor, signFlipFloor } from './permutation.ts';
import { welchTTest } from './welch.ts';

/** The sign-flip p by brute force: every bit pattern of n signs, |Σ ± d| against |Σ d| within 1e-9. */
function signFlipByBruteForce(a: readonly number[], b: readonly number[]): number {
  const d = a.map((x, i) => b[i]! - x);
  const observed = Math.abs(d.reduce((s, x) => s + x, 0));
  let count = 0;
  for (let mask = 0; mask < 2 ** d.length; mask++) {
    const sum = d.reduce((s, x, i) => s + ((mask >> i) & 1 ? -x : x), 0);
    if (Math.abs(sum) >= observed - 1e-9) count++;
  }
  return count / 2 ** d.length;
}

/** The two-sample p by brute force: every bit pattern of the pooled values with nA bits set is a group A. */
function relabellingByBruteForce(a: readonly number[], b: readonly number[]): number {
  const pooled = [...a, ...b];
  const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const observed = Math.abs(meanOf([...b]) - meanOf([...a]));
  let count = 0;
  let splits = 0;
  for (let mask = 0; mask < 2 ** pooled.length; mask++) {
    const groupA = pooled.filter((_, i) => (mask >> i) & 1);
    if (groupA.length !== a.length) continue;
    splits++;
    if (Math.abs(meanOf(pooled.filter((_, i) => !((mask >> i) & 1))) - meanOf(groupA)) >= observed - 1e-9) count++;
  }
  return count / splits;
}

describe('the sign-flip permutation test of paired samples', () => {
  it('counts 4 of the 32 sign patterns as extreme in a hand-checked example', () => {
    // Differences 1, 2, 2, 0, 2 (sum 7): only the patterns that give the four non-zero ones one
    // sign reach |sum| 7, twice (+ and −) for each sign of the 0.
    expect(signFlipTest([1, 2, 3, 4, 5], [2, 4, 5, 4, 7])).toEqual({ kind: 'permutation', pValue: 0.125, asExtreme: 4, arrangements: 32 });
  });

  it('agrees with brute-force enumeration', () => {
    const a = [10.2, 11.9, 9.1, 12.4, 10.8, 9.7, 11.1];
    const b = [10.9, 11.5, 9.8, 13.0, 10.6, 10.4, 11.9];
    expect(signFlipTest(a, b)!.pValue).toBe(signFlipByBruteForce(a, b));
  });

  it('gives near-constant differences the p of equal ones, where the t-test at 1 degree of freedom gives a tiny p', () => {
    // Differences −1 and −0.999: t = −3997 at 1 df, p = 0.00016; as permutations only 2 of 4 sign
    // patterns reach |sum| 1.999, as with −1 and −1.
    expect(pairedTTest([45, 47], [44, 46.001])!.pValue).toBeLessThan(0.001);
    expect(signFlipTest([45, 47], [44, 46.001])).toEqual({ kind: 'permutation', pValue: 0.5, asExtreme: 2, arrangements: 4 });
    expect(signFlipTest([45, 47], [44, 46])!.pValue).toBe(0.5);
  });

  it('ties arrangements that differ by floating-point rounding', () => {
    // 1.2 − 1.1, 2.3 − 2.2 and 3.4 − 3.3 are 0.1 in exact arithmetic, a few ulps apart in binary.
    expect(signFlipTest([1.1, 2.2, 3.3], [1.2, 2.3, 3.4])!.pValue).toBe(0.25);
  });

  it('gives p = 1 to pairs that do not differ', () => {
    expect(signFlipTest([1, 2, 3], [1, 2, 3])!.pValue).toBe(1);
  });

  it('enumerates up to 16 pairs and leaves more to the t-test (null), as below two', () => {
    const ramp = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(signFlipTest(ramp(16), ramp(16).map((x) => x + 1))).toMatchObject({ asExtreme: 2, arrangements: 65536 });
    expect(signFlipTest(ramp(17), ramp(17).map((x) => x + 1))).toBeNull();
    expect(signFlipTest([1], [2])).toBeNull();
  });
});

describe('the two-sample permutation test', () => {
  it('agrees with brute-force enumeration, unequal sizes included', () => {
    for (const [a, b] of [
      [[18, 19, 20, 21, 22], [19, 21, 23, 25, 27]],
      [[3.1, 2.9, 3.4], [4.2, 3.0]],
      [[5, 7], [6, 9, 8, 7.5, 10]],
    ] as const) {
      expect(relabellingTest(a, b)!.pValue, `${a} vs ${b}`).toBe(relabellingByBruteForce(a, b));
    }
  });

  it('gives two constant, unequal samples of unequal sizes 1 / C(nA + nB, nA), by brute force', () => {
    // Only the observed split is as extreme: 3 and 2 values 1/10, 2 and 5 values 1/21.
    expect(relabellingByBruteForce([3, 3, 3], [4, 4])).toBeCloseTo(0.1, 12);
    expect(relabellingTest([3, 3, 3], [4, 4])).toEqual({ kind: 'permutation', pValue: 0.1, asExtreme: 1, arrangements: 10 });
    expect(relabellingByBruteForce([3, 3], [4, 4, 4, 4, 4])).toBeCloseTo(1 / 21, 12);
    expect(relabellingTest([3, 3], [4, 4, 4, 4, 4])!.pValue).toBeCloseTo(1 / 21, 12);
  });

  it("gives near-constant samples the p of constant ones, where Welch's t-test gives a tiny p", () => {
    expect(welchTTest([5, 5], [6, 6.001])!.pValue).toBeLessThan(0.001);
    expect(relabellingTest([5, 5], [6, 6.001])).toEqual({ kind: 'permutation', pValue: 1 / 3, asExtreme: 2, arrangements: 6 });
    expect(relabellingTest([5, 5], [6, 6])!.pValue).toBe(1 / 3);
  });

  it('gives p = 1 to samples of one value, within floating-point rounding', () => {
    expect(relabellingTest([0.3, 0.3], [0.1 + 0.2, 0.1 + 0.2])!.pValue).toBe(1);
  });

  it("enumerates up to 50,000 splits and leaves more to Welch's t-test (null), as a side below two", () => {
    const ones = (n: number) => Array.from({ length: n }, () => 1);
    expect(relabellingTest(ones(9), ones(9).map((x) => x + 1))).toMatchObject({ asExtreme: 2, arrangements: 48620 });
    expect(relabellingTest(ones(10), ones(9).map((x) => x + 1))).toBeNull();
    expect(relabellingTest([1], [2, 3])).toBeNull();
  });
});

describe('the smallest p the exact tests could give these data', () => {
  it('sign flips: 2^(1-k) over the k differences that are not zero, whatever their signs', () => {
    // Six pairs, four of them equal: only two signs can flip.
    expect(signFlipFloor([100, 101, 102, 103, 104, 105], [100, 101, 102, 103, 204, 205])).toBe(0.5);
    expect(signFlipFloor([1, 2, 3, 4, 5, 6], [0, 3, 2, 5, 4, 7])).toBeCloseTo(2 ** (1 - 6));
  });

  it('splits: ties among the pooled values raise it above 2 in C(nA + nB, nA)', () => {
    expect(relabellingFloor([1, 2, 3], [4, 5, 6])).toBeCloseTo(2 / 20);
    // All six values alike but one: the extreme split is not unique.
    expect(relabellingFloor([5, 5, 5], [5, 5, 6])).toBeCloseTo(1);
  });
});
