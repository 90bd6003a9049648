/**
 * Sweep curves: each headline metric against the swept parameter, with the 95 % CI of the mean
 * over replications as a band (numeric parameter, durations and sizes included, in one unit) or
 * error bars (categorical parameter). Other swept parameters, and the run in a comparison, become
 * separate series.
 */
import type { Configuration, ReportInput } from '../model/report-input.ts';
import { allMetricNames, headlineMetrics, metricSlug } from '../model/metric-names.ts';
import { parameterScaleOf, type ParameterScale } from '../model/parameter-scale.ts';
import type { ParameterValue } from '../results/types.ts';
import type { Figure, Row } from './types.ts';
import { estimateOf, unitOf, withUnit } from './metric-rows.ts';
import { parameterAxisOf } from './parameter-axis.ts';
import { distinctCount, envelope, seriesColor, type LayerSpec } from './vl.ts';

export interface SweepAxis {
  readonly key: string;
  /** Numbers, or durations, sizes or bandwidths in one unit (model/parameter-scale.ts); null for categories. */
  readonly scale: ParameterScale | null;
}

/** The swept parameter to put on x: the first with at least two distinct values, one on a numeric scale first. */
export function sweepAxisOf(configurations: readonly Configuration[]): SweepAxis | null {
  const keys = new Set(configurations.flatMap((c) => Object.keys(c.parameters)));
  let categorical: SweepAxis | null = null;
  for (const key of keys) {
    const values = configurations.map((c) => c.parameters[key]);
    if (new Set(values).size < 2) continue;
    const scale = parameterScaleOf(values);
    if (scale !== null) return { key, scale };
    categorical ??= { key, scale: null };
  }
  return categorical;
}

/** The legend label of a configuration once the x parameter is taken out of it. */
export function seriesLabel(configuration: Configuration, xKey: string): string {
  const rest = Object.entries(configuration.parameters)
    .filter(([key]) => key !== xKey)
    .map(([key, value]) => `${key.split('.').pop() ?? key}=${String(value)}`)
    .join(', ');
  const parts = [configuration.run, rest].filter((s) => s !== '');
  return parts.length === 0 ? 'mean' : parts.join(' · ');
}

export function sweepFigures(input: ReportInput): Figure[] {
  const axis = sweepAxisOf(input.configurations);
  if (axis === null) return [];
  const figures: Figure[] = [];
  for (const metric of headlineMetrics(allMetricNames(input.configurations))) {
    if (!worthACurve(metric, axis.key)) continue;
    const rows = sweepRows(input.configurations, axis, metric);
    if (distinctCount(rows, 'x') < 2) continue;
    figures.push(
      curveFigure({
        name: `sweep-${metricSlug(metric)}`,
        title: `${metric} against ${axis.key}`,
        yTitle: withUnit(metric, unitOf(input.configurations, metric)),
        xTitle: axis.scale === null || axis.scale.unit === '' ? axis.key : `${axis.key} (${axis.scale.unit})`,
        numeric: axis.scale !== null,
        rows,
        caption: `Mean over replications with its 95 % CI (summary.json ci95) at each value of \`${axis.key}\`.`,
      }),
    );
  }
  return figures;
}

/**
 * Safety violations are a pass/fail count (the checks table shows them), and messages per
 * decision against a swept n has its own figure.
 */
function worthACurve(metric: string, xKey: string): boolean {
  if (metric === 'safety.violations') return false;
  return !(metric === 'consensus.messages_per_decision' && (xKey === 'consensus.nodes' || xKey.endsWith('.nodes')));
}

export function sweepRows(configurations: readonly Configuration[], axis: SweepAxis, metric: string): Row[] {
  const rows: Row[] = [];
  for (const configuration of configurations) {
    const x: ParameterValue | undefined = configuration.parameters[axis.key];
    const estimate = estimateOf(configuration, metric);
    if (x === undefined || x === null || estimate === null) continue;
    rows.push({
      x: axis.scale !== null ? axis.scale.valueOf(x) : typeof x === 'boolean' ? String(x) : x,
      series: seriesLabel(configuration, axis.key),
      mean: estimate.mean,
      lo: estimate.lo,
      hi: estimate.hi,
    });
  }
  return rows;
}

export interface CurveOptions {
  readonly name: string;
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly numeric: boolean;
  readonly rows: readonly Row[];
  readonly caption: string;
}

/**
 * Mean against a parameter: line, points and a CI band (numeric x, on a linear or log axis:
 * parameter-axis.ts) or error bars (categorical x).
 */
export function curveFigure(o: CurveOptions): Figure {
  const subtitle = o.numeric ? 'Mean over replications; band = 95 % CI' : 'Mean over replications; bars = 95 % CI';
  const numericAxis = o.numeric ? parameterAxisOf(o.rows.map((r) => r['x']).filter((x): x is number => typeof x === 'number')) : null;
  const x =
    numericAxis !== null
      ? { field: 'x', type: 'quantitative' as const, title: `${o.xTitle}${numericAxis.titleSuffix}`, scale: numericAxis.scale, axis: numericAxis.axis }
      : { field: 'x', type: 'nominal' as const, title: o.xTitle, sort: null, axis: { labelAngle: 0 } };
  const y = { field: 'mean', type: 'quantitative' as const, title: o.yTitle };
  const seriesCount = distinctCount(o.rows, 'series');
  const color = seriesColor('series', 'Series', seriesCount);
  const uncertainty: LayerSpec = o.numeric
    ? {
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...color },
      }
    : { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...color } };
  const layers: LayerSpec[] = [uncertainty];
  if (o.numeric) layers.push({ mark: { type: 'line' }, encoding: { x, y, ...color } });
  layers.push({ mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y, ...color } });
  return {
    name: o.name,
    title: o.title,
    caption: o.caption,
    rows: o.rows,
    spec: { ...envelope(o.title, subtitle), layer: layers },
  };
}
