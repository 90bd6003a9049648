/**
 * Welch's unequal-variance t-test (Welch 1947) with the Welch–Satterthwaite degrees of freedom:
 * the comparison of two runs' replications, which need not share a variance.
 */
import { tHalfWidth } from './confidence.ts';
import { mean, sampleVariance } from './descriptive.ts';
import { equalWithinRounding, largestMagnitude, relabellingExtremeP, withoutSpread, type NoSpreadResult } from './no-spread.ts';
import { studentTCdf } from './student-t.ts';

export interface WelchResult {
  readonly kind: 't';
  /** (mean of b − mean of a) over its standard error. */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * Null when either sample has fewer than two values (no variance estimate). Two constant samples
 * (within NO_SPREAD_TOLERANCE of the values' magnitude) leave t and the Welch–Satterthwaite degrees
 * of freedom 0 ÷ 0 or infinite (no-spread.ts): p = 1 when they are equal, else the two-sample
 * permutation test's exact p, 2 / C(nA + nB, nA) for samples of equal size and 1 / C(nA + nB, nA)
 * otherwise (relabellingExtremeP).
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult | NoSpreadResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const meanA = mean(a);
  const meanB = mean(b);
  const scale = largestMagnitude(a, b);
  if (withoutSpread(a, scale) && withoutSpread(b, scale)) {
    return equalWithinRounding(meanA, meanB, scale)
      ? { kind: 'no spread', sign: 0, pValue: 1 }
      : { kind: 'no spread', sign: meanB > meanA ? 1 : -1, pValue: relabellingExtremeP(a.length, b.length) };
  }
  const { variance, df } = welchSatterthwaite(a, b);
  const t = (meanB - meanA) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  return { kind: 't', t, df, pValue };
}

/** The variance of mean(b) − mean(a) for independent samples, and its Welch–Satterthwaite degrees of freedom. */
function welchSatterthwaite(a: readonly number[], b: readonly number[]): { readonly variance: number; readonly df: number } {
  const varianceOfMeanA = sampleVariance(a) / a.length;
  const varianceOfMeanB = sampleVariance(b) / b.length;
  const variance = varianceOfMeanA + varianceOfMeanB;
  const df = (variance * variance) / ((varianceOfMeanA * varianceOfMeanA) / (a.length - 1) + (varianceOfMeanB * varianceOfMeanB) / (b.length - 1));
  return { variance, df };
}

/**
 * The two-sided `level` (default 95 %) interval of mean(b) − mean(a) for independent samples that
 * need not share a variance: the difference ± t(1 − α/2, Welch–Satterthwaite df) times its
 * standard error, the interval Welch's test inverts (Welch 1947). Null when either sample has
 * fewer than two values; [d, d] when neither has any spread (no variance to widen it).
 */
export function welchDifferenceInterval(a: readonly number[], b: readonly number[], level = 0.95): readonly [number, number] | null {
  if (a.length < 2 || b.length < 2) return null;
  const difference = mean(b) - mean(a);
  const { variance, df } = welchSatterthwaite(a, b);
  if (variance === 0) return [difference, difference];
  const halfWidth = tHalfWidth(Math.sqrt(variance), df, level);
  return [difference - halfWidth, difference + halfWidth];
}
