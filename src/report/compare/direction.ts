/**
 * Which way is better for a metric, read from its name (docs/architecture.md naming: unit last).
 * Only metrics with a known direction can make a comparison fail; the rest are reported.
 */
export type Direction = 'higher' | 'lower' | 'unknown';

const HIGHER_IS_BETTER = [/throughput/, /detection_rate$/, /(^|\.)(precision|recall|f1)$/];
const LOWER_IS_BETTER = [
  /latency/, /time_to_detect/, /violations$/, /stale_rate$/, /false_positive_rate$/, /^attack\.[^.]+\.success_rate$/,
  /messages_per_decision$/, /bytes/, /mempool/, /replica_lag_ms$/,
];

export function betterDirection(metric: string): Direction {
  if (HIGHER_IS_BETTER.some((re) => re.test(metric))) return 'higher';
  if (LOWER_IS_BETTER.some((re) => re.test(metric))) return 'lower';
  return 'unknown';
}
