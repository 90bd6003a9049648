/** Per-metric statistics over replications: mean, Student-t 95 % CI of the mean, sd, min, max. */
import { clampInterval } from '../metrics/domain.ts';
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

/**
 * `metric`'s statistics over `values`, its interval clamped to the values the metric can take
 * (src/metrics/domain.ts): summary.json is read by scripts as well as by the report, and an
 * interval of a latency below zero or of a ratio past 1 is no statement about the metric.
 */
export function summarizeValues(metric: string, unit: string, values: readonly number[]): MetricSummary {
  const ci = meanInterval(values);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { unit, mean: ci.mean, ci95: clampInterval(metric, unit, ci.lo, ci.hi), n: ci.n, sd: ci.sd, min, max };
}
