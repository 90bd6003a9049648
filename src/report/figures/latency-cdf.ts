/**
 * Latency CDF per configuration for every latency family (`*latency*` or `*_ms` with percentile
 * members).
 *
 * A run's summary holds the mean over replications of each percentile (p50, p95, p99, …, and min
 * or max when reported): each is one known point (value, quantile) of the latency distribution.
 * The figure joins those points with straight lines, which is the CDF interpolated linearly
 * between known quantiles, and draws each point's 95 % CI as a horizontal bar. When summary.json
 * carries a measured `latency_cdf` for the family, that empirical CDF is drawn instead.
 */
import type { Configuration, ReportInput } from '../model/report-input.ts';
import { allMetricNames, metricFamilies } from '../model/metric-names.ts';
import type { Figure, Row } from './types.ts';
import { estimateOf, unitOf, withUnit } from './metric-rows.ts';
import { distinctCount, envelope, familyTitle, seriesColor } from './vl.ts';

/** Above this spread between the smallest and largest latency a log axis reads better. */
const LOG_SCALE_SPREAD = 50;
/** Points and CI bars mark the known quantiles only; a measured CDF is drawn as a line. */
const PERCENTILE_ROWS = "datum.source === 'percentiles'";

export function latencyCdfFigures(input: ReportInput): Figure[] {
  const families = metricFamilies(allMetricNames(input.configurations));
  const figures: Figure[] = [];
  for (const [family, members] of families) {
    // Latencies, and any other time distribution reported as percentiles (block propagation).
    if (!family.includes('latency') && !family.endsWith('_ms')) continue;
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
  if (measured !== undefined && measured.points.length > 0) {
    return measured.points.map(([value, quantile]) => ({
      configuration: configuration.label,
      statistic: 'measured',
      quantile,
      value,
      lo: value,
      hi: value,
      source: 'measured CDF',
    }));
  }
  const rows: Row[] = [];
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
      source: 'percentiles',
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
  const measured = rows.some((r) => r['source'] === 'measured CDF');
  const subtitle = measured
    ? 'Measured empirical CDF where available; elsewhere percentile means joined linearly, bars = 95 % CI'
    : 'Percentile means over replications joined linearly (CDF between known quantiles); bars = 95 % CI';
  const x = {
    field: 'value',
    type: 'quantitative' as const,
    title: withUnit(familyTitle(family), unit),
    scale: useLog ? { type: 'log' as const } : { zero: true },
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
    caption: `${subtitle}. Metric family \`${family}\`.`,
    rows,
    spec: {
      ...envelope(title, subtitle),
      layer: [
        {
          mark: { type: 'line', interpolate: 'linear' },
          encoding: { x, y, order: { field: 'quantile', type: 'quantitative' }, ...color },
        },
        {
          transform: [{ filter: PERCENTILE_ROWS }],
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y, ...color },
        },
        {
          transform: [{ filter: PERCENTILE_ROWS }],
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
