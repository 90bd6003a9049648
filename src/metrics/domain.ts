/**
 * The values a metric can take, so that a confidence interval is never drawn or printed outside
 * them. The Student-t interval mean ± t·s/√n is symmetric and knows nothing of a metric's bounds:
 * with two replications of a skewed latency it reaches below zero ("[−1,011, 2,423] ms"), and a
 * ratio's reaches past 1. Clamping to the domain keeps the part of the interval that can hold the
 * true mean (which lies in the domain), so its coverage is unchanged.
 */

export interface Domain {
  readonly min: number;
  readonly max: number;
}

const ANY: Domain = { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY };
export const NON_NEGATIVE: Domain = { min: 0, max: Number.POSITIVE_INFINITY };
const UNIT_INTERVAL: Domain = { min: 0, max: 1 };

const RATIO_UNITS = new Set(['ratio', 'fraction']);

/**
 * Units of quantities that cannot be negative: times, counts, sizes and rates (every unit of the
 * metric catalog, docs/metrics.md, but the ratios, plus the spellings older results use). A unit
 * missing here leaves its intervals unclamped; domain.test.ts holds the catalog to this list.
 */
const NON_NEGATIVE_UNITS = new Set([
  'ms', 's', 'us', '1/s', 'tx/s', 'readings/s', 'alarms/h', 'count', 'B', 'bytes', 'blocks', 'devices', 'msg', 'messages', 'readings', 'records', 'requests', 'tx',
]);

/** Metrics that are differences of two quantities and so may be negative, whatever their unit. */
const SIGNED_METRICS = [/^attack\.selfish_mining\.gain$/];

export function metricDomain(metric: string, unit: string): Domain {
  if (SIGNED_METRICS.some((pattern) => pattern.test(metric))) return ANY;
  if (RATIO_UNITS.has(unit)) return UNIT_INTERVAL;
  if (NON_NEGATIVE_UNITS.has(unit)) return NON_NEGATIVE;
  return ANY;
}

export function clampToDomain(value: number, domain: Domain): number {
  return Math.min(domain.max, Math.max(domain.min, value));
}

/** A metric's 95 % interval clamped to its domain: how the report and the terminal both print it. */
export function clampInterval(metric: string, unit: string, lo: number, hi: number): readonly [number, number] {
  const domain = metricDomain(metric, unit);
  return [clampToDomain(lo, domain), clampToDomain(hi, domain)];
}
