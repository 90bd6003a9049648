/** Student-t 95 % confidence interval of a mean, as the runner computes it for summary.json. */
import { studentTQuantile } from './student-t.ts';

const quantileCache = new Map<number, number>();

function t975(df: number): number {
  let q = quantileCache.get(df);
  if (q === undefined) {
    q = studentTQuantile(0.975, df);
    quantileCache.set(df, q);
  }
  return q;
}

export interface MeanCi {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** Mean and 95 % CI of `count` values whose sum and sum of squares are given ([mean, mean] for one). */
export function meanCi95(sum: number, sumSquares: number, count: number): MeanCi {
  const m = sum / count;
  if (count < 2) return { mean: m, lo: m, hi: m };
  const variance = Math.max(0, (sumSquares - count * m * m) / (count - 1));
  const half = t975(count - 1) * Math.sqrt(variance / count);
  return { mean: m, lo: m - half, hi: m + half };
}
