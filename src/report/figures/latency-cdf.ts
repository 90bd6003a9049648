/**
 * Latency CDF per configuration for every latency family (`*latency*` or `*_ms` with percentile
 * members).
 *
 * A run's summary holds the mean over replications of each percentile (p50, p95, p99, …, and min
 * or max when reported): each is one known point (value, quantile) of the latency distribution.
 * The figure joins those points with straight lines, which is the CDF interpolated linearly
 * between known quantiles, and draws each point's 95 % CI as a horizontal bar. When summary.json
 * carries a measured `latency_cdf` for the family (the replications' quantile functions averaged,
 * docs/results.md), that CDF is the line instead, and the percentile points with their CIs sit on it
 * as markers only.
 */
import type { Configuration, ReportInput } from '../model/report-input.ts';
import { allMetricNames, metricFamilies } from '../model/metric-names.ts';
import type { Figure, Row } from './types.ts';
import { estimateOf, unitOf, withUnit } from './metric-rows.ts';
import { LOG_AXIS, LOG_SCALE_TITLE_SUFFIX, UNROUNDED_LOG_SCALE } from './parameter-axis.ts';
import { distinctCount, envelope, familyTitle, seriesColor } from './vl.ts';

/** Above this spread between the smallest and largest latency a log axis reads better. */
const LOG_SCALE_SPREAD = 50;
/** Row sources: the measured CDF (line only), percentiles joined by the line, percentiles over a measured CDF (markers only). */
const MEASURED = 'measured CDF';
const PERCENTILES = 'percentiles';
const PERCENTILE_MARKERS = 'percentiles over the measured CDF';
/** Points and CI bars mark the known quantiles; the line joins the measured CDF where there is one, else the percentiles. */
const MARKER_ROWS = `datum.source !== '${MEASURED}'`;
const LINE_ROWS = `datum.source !== '${PERCENTILE_MARKERS}'`;

/**
 * Families whose percentile segments are not quantiles of one distribution: PoW block propagation's
 * p50 and p90 are means over blocks of the time to reach 50 % and 90 % of nodes, each over the
 * blocks that reached that share, so p50 may exceed p90 (docs/metrics.md); joined as a CDF they
 * could run backwards. network-pow.ts draws them as bars.
 */
const NOT_DISTRIBUTIONS: ReadonlySet<string> = new Set(['pow.block_propagation_ms']);

export function latencyCdfFigures(input: ReportInput): Figure[] {
  const families = metricFamilies(allMetricNames(input.configurations));
  const figures: Figure[] = [];
  for (const [family, members] of families) {
    // Latencies, and any other time distribution reported as percentiles.
    if ((!family.includes('latency') && !family.endsWith('_ms')) || NOT_DISTRIBUTIONS.has(family)) continue;
    const quantileMembers = members.filter((m) => m.quantile !== null);
    const measured = input.configurations.some((c) => c.point.latency_cdf?.[family] !== undefined);
    // One known quantile is a point, not a distribution; the tables and other figures show it.
    if (quantileMembers.length < 2 && !measured) continue;
    const rows: Row[] = [];
    for (const configuration of input.configurations) rows.push(...cdfRows(configuration, family, quantileMembers));
    if (rows.length === 0) continue;
    figures.push(cdfFigure(family, unitOf(input.configurations, quantileMembers[0]?.metric ?? ''), rows));
  }
  return figures;
}

function cdfRows(
  configuration: Configuration,
  family: string,
  members: readonly { metric: string; stat: string; quantile: number | null }[],
): Row[] {
  const measured = configuration.point.latency_cdf?.[family];
  const hasMeasured = measured !== undefined && measured.points.length > 0;
  const rows: Row[] = hasMeasured
    ? measured.points.map(([value, quantile]) => ({
        configuration: configuration.label,
        statistic: 'measured',
        quantile,
        value,
        lo: value,
        hi: value,
        source: MEASURED,
      }))
    : [];
  for (const member of members) {
    const estimate = estimateOf(configuration, member.metric);
    if (estimate === null || member.quantile === null) continue;
    rows.push({
      configuration: configuration.label,
      statistic: member.stat,
      quantile: member.quantile,
      value: estimate.mean,
      lo: estimate.lo,
      hi: estimate.hi,
      source: hasMeasured ? PERCENTILE_MARKERS : PERCENTILES,
    });
  }
  return rows;
}

function cdfFigure(family: string, unit: string, rows: readonly Row[]): Figure {
  const title = `${familyTitle(family)}: CDF per configuration`;
  const series = distinctCount(rows, 'configuration');
  const values = rows.flatMap((r) => [r['lo'], r['hi'], r['value']]).filter((v): v is number => typeof v === 'number');
  const positive = values.filter((v) => v > 0);
  const useLog = positive.length === values.length && Math.max(...positive) / Math.min(...positive) > LOG_SCALE_SPREAD;
  const measured = rows.some((r) => r['source'] === MEASURED);
  const subtitle = measured
    ? 'Line: measured CDF (replication quantiles averaged); points: percentile means ± 95 % CI'
    : 'Percentile means over replications joined linearly (CDF between known quantiles); bars = 95 % CI';
  const x = {
    field: 'value',
    type: 'quantitative' as const,
    title: `${withUnit(familyTitle(family), unit)}${useLog ? LOG_SCALE_TITLE_SUFFIX : ''}`,
    scale: useLog ? UNROUNDED_LOG_SCALE : { zero: true },
    ...(useLog ? { axis: LOG_AXIS } : {}),
  };
  const y = {
    field: 'quantile',
    type: 'quantitative' as const,
    title: 'Cumulative fraction',
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
  };
  const color = seriesColor('configuration', 'Configuration', series);
  return {
    name: `latency-cdf-${family.replace(/\./g, '-').replace(/_/g, '-')}`,
    title,
    caption: `${subtitle}${measured ? ' (configurations without a measured CDF: percentile means joined linearly)' : ''}. Metric family \`${family}\`.`,
    rows,
    spec: {
      ...envelope(title, subtitle),
      layer: [
        {
          transform: [{ filter: LINE_ROWS }],
          mark: { type: 'line', interpolate: 'linear' },
          encoding: { x, y, order: { field: 'quantile', type: 'quantitative' }, ...color },
        },
        {
          transform: [{ filter: MARKER_ROWS }],
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, ...color },
        },
        {
          transform: [{ filter: MARKER_ROWS }],
          mark: { type: 'point', filled: true, size: 45 },
          encoding: {
            x,
            y,
            ...color,
            tooltip: [
              { field: 'configuration', type: 'nominal' },
              { field: 'statistic', type: 'nominal' },
              { field: 'value', type: 'quantitative', format: ',.3~f' },
            ],
          },
        },
      ],
    },
  };
}
