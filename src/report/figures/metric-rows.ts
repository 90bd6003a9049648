/** A configuration's summary of one metric as plot-ready numbers, or null when it has no value. */
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
  return { unit: summary.unit, mean: summary.mean, ...ciBounds(summary.mean, summary.ci95) };
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
