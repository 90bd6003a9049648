/** Per-metric statistics over replications: mean, Student-t 95 % CI of the mean, sd, min, max. */
import { max, mean, min, sampleStandardDeviation } from 'simple-statistics';
import { studentTQuantile } from './t-quantile.ts';

export interface MetricSummary {
  readonly unit: string;
  readonly mean: number;
  readonly ci95: readonly [number, number];
  readonly n: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

export function summarizeValues(unit: string, values: readonly number[]): MetricSummary {
  const n = values.length;
  const m = mean(values as number[]);
  if (n === 1) return { unit, mean: m, ci95: [m, m], n, sd: 0, min: m, max: m };
  const sd = sampleStandardDeviation(values as number[]);
  const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { unit, mean: m, ci95: [m - half, m + half], n, sd, min: min(values as number[]), max: max(values as number[]) };
}
