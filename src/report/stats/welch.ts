/**
 * Welch's unequal-variance t-test (Welch 1947) with the Welch–Satterthwaite degrees of freedom:
 * the comparison of two runs' replications, which need not share a variance.
 */
import { mean, sampleVariance } from 'simple-statistics';
import { studentTCdf } from './student-t.ts';

export interface WelchResult {
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
  const meanA = mean(a as number[]);
  const meanB = mean(b as number[]);
  const seA = sampleVariance(a as number[]) / a.length;
  const seB = sampleVariance(b as number[]) / b.length;
  const se = seA + seB;
  if (se === 0) {
    return meanA === meanB
      ? { t: 0, df: a.length + b.length - 2, pValue: 1 }
      : { t: Math.sign(meanB - meanA) * Number.POSITIVE_INFINITY, df: a.length + b.length - 2, pValue: 0 };
  }
  const t = (meanB - meanA) / Math.sqrt(se);
  const df = (se * se) / ((seA * seA) / (a.length - 1) + (seB * seB) / (b.length - 1));
  const pValue = Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
  return { t, df, pValue };
}

/**
 * Holm's step-down correction (Holm 1979): adjusted p-values that control the family-wise error
 * rate when many metrics are compared at once. Input order is preserved.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
