/** Per-metric statistics over replications: mean, Student-t 95 % CI of the mean, sd, min, max. */
import { meanInterval } from '../stats/index.ts';

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
  const ci = meanInterval(values);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { unit, mean: ci.mean, ci95: [ci.lo, ci.hi], n: ci.n, sd: ci.sd, min, max };
}
