/**
 * Welch's unequal-variance t-test (Welch 1947) with the Welch–Satterthwaite degrees of freedom:
 * the comparison of two runs' replications, which need not share a variance.
 */
import { mean, sampleVariance } from './descriptive.ts';
import { studentTCdf } from './student-t.ts';

export interface WelchResult {
  /** (mean of b − mean of a) over its standard error. */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * Null when either sample has fewer than two values (no variance estimate). Two constant samples
 * give p = 1 when equal and p = 0 when they differ: deterministic replications that disagree.
 */
export function welchTTest(a: readonly number[], b: readonly number[]): WelchResult | null {
  if (a.length < 2 || b.length < 2) return null;
  const meanA = mean(a);
  const meanB = mean(b);
  const varianceOfMeanA = sampleVariance(a) / a.length;
  const varianceOfMeanB = sampleVariance(b) / b.length;
  const variance = varianceOfMeanA + varianceOfMeanB;
  if (variance === 0) {
    const df = a.length + b.length - 2;
    return meanA === meanB ? { t: 0, df, pValue: 1 } : { t: Math.sign(meanB - meanA) * Number.POSITIVE_INFINITY, df, pValue: 0 };
  }
  const t = (meanB - meanA) / Math.sqrt(variance);
  const df = (variance * variance) / ((varianceOfMeanA * varianceOfMeanA) / (a.length - 1) + (varianceOfMeanB * varianceOfMeanB) / (b.length - 1));
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  return { t, df, pValue };
}
