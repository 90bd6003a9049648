/**
 * Which way is better for a metric: the catalog decides it with the metric's definition
 * (src/metrics/catalog/, `better`), so the gate and the reference cannot disagree. Only `higher`
 * and `lower` can make a comparison fail; `neither` (a workload or ground-truth count, or a metric
 * that moves either way for good reasons) and `unknown` (a metric the catalog does not list, a
 * plug-in's) are reported as `changed`.
 */
import { metricDoc } from '../../metrics/catalog.ts';
import type { BetterDirection } from '../../metrics/catalog/types.ts';

export type Direction = BetterDirection | 'unknown';

export function betterDirection(metric: string): Direction {
  return metricDoc(metric)?.better ?? 'unknown';
}
