/**
 * Exact permutation (randomization) tests of a difference in means, by full enumeration (Fisher
 * 1935, The Design of Experiments, ch. III §21; Pitman 1937, "Significance tests which may be
 * applied to samples from any populations", JRSS Suppl. 4:119–130; Good, Permutation, Parametric
 * and Bootstrap Tests of Hypotheses, 3rd ed. 2005). Under no change every arrangement of the
 * observed values is equally likely, so the two-sided p is the share of arrangements whose
 * |statistic| is at least the observed one: exact whatever the values' distribution, and defined
 * where a t-test is not (no spread) or misleads (two replications whose differences agree to three
 * digits read t in the thousands at 1 degree of freedom). The price is a floor: with few
 * replications no arrangement is rare enough for a small p.
 */
import { binomialCoefficient, largestMagnitude, NO_SPREAD_TOLERANCE } from './no-spread.ts';

export interface PermutationResult {
  readonly kind: 'permutation';
  /** Two-sided: asExtreme / arrangements. */
  readonly pValue: number;
  /** Arrangements whose |statistic| reaches the observed one (the observed among them). */
  readonly asExtreme: number;
  /** Equally likely arrangements under no change: 2^n sign patterns, or C(nA + nB, nA) splits. */
  readonly arrangements: number;
}

/** Up to 2^16 = 65,536 sign patterns per metric: a comparison of hundreds of metrics stays within a second or so. */
export const MAX_SIGN_FLIP_PAIRS = 16;

/** Up to 50,000 splits per metric (9 against 9 replications is 48,620; 10 against 9, 92,378, goes to Welch): each split costs a sum, and an unpaired comparison of 20 points × 120 metrics at 10 against 10 spent 8 s in 200,000-split enumerations. */
export const MAX_RELABELLINGS = 50_000;

/**
 * An arrangement's |statistic| counts as reaching the observed one within NO_SPREAD_TOLERANCE of
 * the values' magnitude: arrangements equal in exact arithmetic (paired differences 1.2 − 1.1 and
 * 2.3 − 2.2, or one sum taken in two orders) differ by rounding in floating point, and must tie.
 */
function reaches(statistic: number, observed: number, tolerance: number): boolean {
  return Math.abs(statistic) >= Math.abs(observed) - tolerance;
}

/**
 * The sign-flip test of paired samples (Fisher 1935 §21, Darwin's paired plants; Pitman 1937):
 * replication i of A and of B saw the same random workload, so under no change the difference
 * b_i − a_i is as likely + as −, independently, and all 2^n sign patterns are equally likely.
 * Statistic: the sum of the signed differences (n times their mean). Null with fewer than two
 * pairs, or more than `maxPairs` (the caller falls back to the paired t-test).
 */
export function signFlipTest(a: readonly number[], b: readonly number[], maxPairs = MAX_SIGN_FLIP_PAIRS): PermutationResult | null {
  if (a.length !== b.length) throw new Error(`signFlipTest: ${a.length} values against ${b.length}; pairs need equal lengths`);
  const n = a.length;
  if (n < 2 || n > maxPairs) return null;
  const differences = a.map((x, i) => (b[i] as number) - x);
  const observed = differences.reduce((s, d) => s + d, 0);
  const tolerance = NO_SPREAD_TOLERANCE * largestMagnitude(a, b);
  // A pattern and its mirror image have the same |sum|: fix the first difference's sign and count half.
  let asExtremeHalf = 0;
  const walk = (index: number, sum: number): void => {
    if (index === n) {
      if (reaches(sum, observed, tolerance)) asExtremeHalf++;
      return;
    }
    const d = differences[index] as number;
    walk(index + 1, sum + d);
    walk(index + 1, sum - d);
  };
  walk(1, differences[0] as number);
  const arrangements = 2 ** n;
  return { kind: 'permutation', pValue: (2 * asExtremeHalf) / arrangements, asExtreme: 2 * asExtremeHalf, arrangements };
}

/**
 * The two-sample permutation test (Pitman 1937): with independent replications, under no change
 * the nA + nB values are one sample, and each of the C(nA + nB, nA) ways to split them into groups
 * of nA and nB is equally likely. Statistic: mean of B − mean of A. Null when a side has fewer than
 * two values, or the splits number more than `maxArrangements` (the caller falls back to Welch's
 * t-test).
 */
export function relabellingTest(a: readonly number[], b: readonly number[], maxArrangements = MAX_RELABELLINGS): PermutationResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const arrangements = binomialCoefficient(a.length + b.length, a.length);
  if (arrangements > maxArrangements) return null;
  const pooled = [...a, ...b];
  const total = pooled.reduce((s, x) => s + x, 0);
  const nA = a.length;
  const nB = b.length;
  const differenceOf = (sumA: number) => (total - sumA) / nB - sumA / nA;
  const observed = differenceOf(a.reduce((s, x) => s + x, 0));
  const tolerance = NO_SPREAD_TOLERANCE * largestMagnitude(a, b);
  let asExtreme = 0;
  // Every nA-subset of the pooled values as group A, by the index of its next member.
  const choose = (from: number, left: number, sumA: number): void => {
    if (left === 0) {
      if (reaches(differenceOf(sumA), observed, tolerance)) asExtreme++;
      return;
    }
    for (let i = from; i <= pooled.length - left; i++) choose(i + 1, left - 1, sumA + (pooled[i] as number));
  };
  choose(0, nA, 0);
  return { kind: 'permutation', pValue: asExtreme / arrangements, asExtreme, arrangements };
}

/**
 * The smallest p `signFlipTest` could give pairs with these differences' sizes, whatever their signs:
 * all of one sign, the most extreme pattern. With k differences not zero it is 2^(1−k), not 2^(1−n):
 * a zero difference has no sign to flip (a change that moves only some seeds).
 */
export function signFlipFloor(a: readonly number[], b: readonly number[], maxPairs = MAX_SIGN_FLIP_PAIRS): number | null {
  const sizes = a.map((x, i) => Math.abs((b[i] as number) - x));
  return signFlipTest(a.map(() => 0), sizes, maxPairs)?.pValue ?? null;
}

/**
 * The smallest p `relabellingTest` could give these pooled values, whichever way they fell: the
 * lowest nA values as A, the most extreme split. Ties among the values raise it above 2 (or 1) in
 * C(nA + nB, nA).
 */
export function relabellingFloor(a: readonly number[], b: readonly number[], maxArrangements = MAX_RELABELLINGS): number | null {
  const pooled = [...a, ...b].sort((x, y) => x - y);
  return relabellingTest(pooled.slice(0, a.length), pooled.slice(a.length), maxArrangements)?.pValue ?? null;
}
