/**
 * A configuration's summary of one metric as plot-ready numbers, or null when it has no value. The
 * interval is clamped to the metric's domain (src/metrics/domain.ts).
 */
import { clampInterval } from '../../metrics/domain.ts';
import type { Configuration } from '../model/report-input.ts';
import { ciBounds } from './vl.ts';

export interface MetricEstimate {
  readonly unit: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

export function estimateOf(configuration: Configuration, metric: string): MetricEstimate | null {
  const summary = configuration.point.metrics[metric];
  if (summary === undefined || summary.mean === null) return null;
  const { lo, hi } = ciBounds(summary.mean, summary.ci95);
  const [clampedLo, clampedHi] = clampInterval(metric, summary.unit, lo, hi);
  return { unit: summary.unit, mean: summary.mean, lo: clampedLo, hi: clampedHi };
}

/** The unit of `metric` in the first configuration that reports it ("" if none does). */
export function unitOf(configurations: readonly Configuration[], metric: string): string {
  for (const configuration of configurations) {
    const unit = configuration.point.metrics[metric]?.unit;
    if (unit !== undefined) return unit;
  }
  return '';
}

export function withUnit(title: string, unit: string): string {
  return unit === '' ? title : `${title} (${unit})`;
}
