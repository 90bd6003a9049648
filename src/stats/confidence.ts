/**
 * The Student-t confidence interval of a mean over independent replications: mean ± t(1 − α/2,
 * n − 1) · sd / √n, with the variance from descriptive.ts (two-pass, so the width does not vanish
 * for values far from zero).
 */
import { mean, sampleSd } from './descriptive.ts';
import { studentTQuantile } from './student-t.ts';

export interface MeanInterval {
  readonly mean: number;
  /** Half the interval's width; 0 for a single value (no spread to estimate). */
  readonly halfWidth: number;
  readonly lo: number;
  readonly hi: number;
  /** Sample standard deviation (0 for a single value). */
  readonly sd: number;
  readonly n: number;
}

/** Mean and two-sided `level` (default 95 %) Student-t interval; NaN mean for an empty sample. */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { mean: m, halfWidth: 0, lo: m, hi: m, sd: 0, n };
  const sd = sampleSd(values);
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean: m, halfWidth, lo: m - halfWidth, hi: m + halfWidth, sd, n };
}

/** Half-width of the two-sided `level` interval of a mean with this standard error and df. */
export function tHalfWidth(standardError: number, df: number, level = 0.95): number {
  return studentTQuantile(1 - (1 - level) / 2, df) * standardError;
}
