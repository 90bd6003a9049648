/**
 * Reading structure out of metric names (dotted, unit last, percentile as last segment; see
 * docs/architecture.md "Metrics"): percentile families, headline metrics, attack and detector scores.
 */
import { detectorMetricPrefix } from '../../iomt/detector-bank.ts';
import type { Configuration } from './report-input.ts';

const PERCENTILE_SEGMENT = /^p(\d+)$/;

/** `p50` → 0.5, `p999` → 0.999, `p100` → 1, `min` → 0, `max` → 1; null for other segments. */
export function quantileOfSegment(segment: string): number | null {
  if (segment === 'min') return 0;
  if (segment === 'max') return 1;
  const match = PERCENTILE_SEGMENT.exec(segment);
  const digits = match?.[1];
  if (digits === undefined) return null;
  if (digits.length <= 2 || digits === '100') return Number(digits) / 100;
  return Number(`0.${digits}`);
}

export interface MetricFamilyMember {
  readonly metric: string;
  /** `p99` or `mean` */
  readonly stat: string;
  /** Null for `mean` */
  readonly quantile: number | null;
}

/** Families whose members are percentiles or a mean: `consensus.commit_latency_ms` → [p50, p99, mean]. */
export function metricFamilies(metricNames: Iterable<string>): Map<string, MetricFamilyMember[]> {
  const families = new Map<string, MetricFamilyMember[]>();
  for (const metric of metricNames) {
    const dot = metric.lastIndexOf('.');
    if (dot < 0) continue;
    const stat = metric.slice(dot + 1);
    const quantile = quantileOfSegment(stat);
    if (quantile === null && stat !== 'mean') continue;
    const family = metric.slice(0, dot);
    const members = families.get(family) ?? [];
    members.push({ metric, stat, quantile });
    families.set(family, members);
  }
  for (const members of families.values()) {
    members.sort((a, b) => (a.quantile ?? 2) - (b.quantile ?? 2));
  }
  return families;
}

/** Every metric name in any configuration, in first-seen order (sorted within a configuration). */
export function allMetricNames(configurations: readonly Configuration[]): string[] {
  const names = new Set<string>();
  for (const configuration of configurations) {
    for (const name of Object.keys(configuration.point.metrics).sort()) names.add(name);
  }
  return [...names];
}

/**
 * The numbers a reviewer looks at first, in this order, when present. Attack and detector
 * scores follow them (headlineMetrics adds those found).
 */
const HEADLINE_ORDER = [
  'consensus.throughput_tps',
  'consensus.commit_latency_ms.p50',
  'consensus.commit_latency_ms.p99',
  'consensus.client_latency_ms.p50',
  'consensus.client_latency_ms.p99',
  'consensus.messages_per_decision',
  'iomt.alert_latency_ms.p95',
  'iomt.alert_latency_ms.p99',
  'iomt.alert_within_target_ratio',
  'iomt.alert_latency_onchain_ms.p95',
  'iomt.alert_within_target_onchain_ratio',
  'pow.throughput_tps',
  'pow.stale_rate',
  'pow.time_to_finality_ms',
  'network.bytes_per_node',
  'safety.violations',
];

/** The first segment of every detector's metrics (`detect`), taken from the function that names them. */
export const DETECTOR_AREA = detectorMetricPrefix('any').split('.')[0]!;

/**
 * Scores of an attack (`attack.<name>.<score>`) or a detector (`detect.<detector>.<score>`), where
 * `score` is a regular expression for the rest of the name: group 1 is the area, 2 the attack or
 * detector, the score's own groups follow.
 */
export function scoreMetricPattern(score: string): RegExp {
  return new RegExp(`^(attack|${DETECTOR_AREA})\\.([^.]+)\\.${score}$`);
}

const SCORE_METRIC = scoreMetricPattern('(detection_rate|false_positive_rate|false_alarms_per_hour|success_rate|revenue_share|time_to_detect_ms(\\.(mean|p\\d+))?)');

export function headlineMetrics(metricNames: readonly string[]): string[] {
  const present = new Set(metricNames);
  return [...HEADLINE_ORDER.filter((m) => present.has(m)), ...metricNames.filter((m) => SCORE_METRIC.test(m)).sort()];
}

/** A metric name reduced to something safe in a file name: `consensus.commit_latency_ms.p99` → `commit-latency-ms-p99`. */
export function metricSlug(metric: string): string {
  const parts = metric.split('.');
  const relevant = parts.length > 1 && (parts[0] === 'consensus' || parts[0] === 'iomt') ? parts.slice(1) : parts;
  return relevant.join('-').replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
}
