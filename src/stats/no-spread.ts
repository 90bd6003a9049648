/**
 * Samples with no spread, where a t-test is undefined: the t statistic is 0 ÷ 0 when the means
 * agree and ±∞ when they differ, and reading ±∞ as p = 0 would call two replications of integer
 * values (45, 47 against 44, 46) a certain difference. The exact permutation (randomization) test
 * (Fisher 1935, The Design of Experiments, ch. III §21; Good, Permutation Tests, 2nd ed. 2000) is
 * defined there and gives the smallest p the data allow: the observed arrangement is the most
 * extreme one, and its p-value is the share of equally likely arrangements as extreme. compare
 * enumerates the arrangements itself (permutation.ts) up to a limit; beyond it the t-tests use the
 * closed forms here, where no enumeration is needed.
 */

/**
 * The spread, relative to the largest magnitude among the values tested, below which samples count
 * as having none. A metric computed in floating point (a rate: count ÷ seconds) carries rounding
 * error of a few units in the last place (2.2e-16 relative) in each replication, so a paired
 * difference that is the same in exact arithmetic varies by about 1e-16 of the values, and an
 * exact test of zero spread would report t near 1e15 for it. A billionth is far above that rounding
 * and far below any change a simulation's replications can show.
 */
export const NO_SPREAD_TOLERANCE = 1e-9;

/** The largest magnitude among the values of every sample: the scale NO_SPREAD_TOLERANCE is relative to. */
export function largestMagnitude(...samples: readonly (readonly number[])[]): number {
  let largest = 0;
  for (const sample of samples) for (const value of sample) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/** Whether the values' range is rounding, not spread: within NO_SPREAD_TOLERANCE of `scale`. */
export function withoutSpread(values: readonly number[], scale: number): boolean {
  return Math.max(...values) - Math.min(...values) <= NO_SPREAD_TOLERANCE * scale;
}

/** Whether two numbers agree within NO_SPREAD_TOLERANCE of `scale`. */
export function equalWithinRounding(x: number, y: number, scale: number): boolean {
  return Math.abs(x - y) <= NO_SPREAD_TOLERANCE * scale;
}

/** Whether every pair agrees: b_i = a_i within NO_SPREAD_TOLERANCE of the values' magnitude. */
export function pairsAgree(a: readonly number[], b: readonly number[]): boolean {
  const scale = largestMagnitude(a, b);
  return a.every((x, i) => equalWithinRounding(x, b[i] as number, scale));
}

/** Whether every value of both samples is the same, within NO_SPREAD_TOLERANCE of their magnitude. */
export function allAgree(a: readonly number[], b: readonly number[]): boolean {
  return withoutSpread([...a, ...b], largestMagnitude(a, b));
}

/**
 * A test of samples with no spread. `sign` is that of B − A: 0 when the samples agree (identical:
 * no arrangement is more extreme than another, p = 1), else the exact permutation p.
 */
export interface NoSpreadResult {
  readonly kind: 'no spread';
  readonly sign: -1 | 0 | 1;
  /** Two-sided. */
  readonly pValue: number;
}

/**
 * The sign-flip permutation test of n paired differences all equal and non-zero: under the null
 * hypothesis each difference's sign is + or − with equal chance, independently, so the 2^n sign
 * patterns are equally likely, and only the observed one and its mirror image reach |Σ d| = n·|d|:
 * two-sided p = 2 / 2^n = 2^(1−n), 0.5 for two pairs.
 */
export function signFlipExtremeP(pairs: number): number {
  return Math.min(1, 2 ** (1 - pairs));
}

/** C(n, k), exactly for the small counts of replications (a product of ratios, each step an integer). */
export function binomialCoefficient(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
  return Math.round(c);
}

/**
 * The two-sample permutation test of a constant sample of nA values against a constant sample of
 * nB other values: under the null hypothesis every split of the nA + nB pooled values into groups
 * of nA and nB is equally likely, and the observed split (all of one value in A) is the most
 * extreme of the C(nA + nB, nA). When nA = nB its mirror split (all of B's value in the first
 * group) is as extreme, so two-sided p = 2 / C(nA + nB, nA); when nA ≠ nB that split leaves the
 * larger group mixed, its mean nearer, so only the observed split is as extreme: p = 1 / C(nA + nB,
 * nA), as permutation.ts relabellingTest counts (3 against 2 values: 0.1, not 0.2).
 */
export function relabellingExtremeP(nA: number, nB: number): number {
  return Math.min(1, (nA === nB ? 2 : 1) / binomialCoefficient(nA + nB, nA));
}
