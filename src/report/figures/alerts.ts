/**
 * Clinical alert latency against its target. IEC 60601-2-27 expects an ECG monitor to alarm for
 * tachycardia within about 10 s (REFERENCES.md §1), so the target defaults to 10 s; an expectation
 * in the scenario on an alert-latency metric (`<= 5000`) takes precedence.
 */
import type { ReportInput } from '../model/report-input.ts';
import { allMetricNames, metricFamilies, quantileOfSegment } from '../model/metric-names.ts';
import { estimateOf, unitOf } from './metric-rows.ts';
import type { Figure, Row } from './types.ts';
import { distinctCount, envelope, familyTitle, seriesColor } from './vl.ts';

export const DEFAULT_ALERT_TARGET_MS = 10_000;
const UPPER_BOUND = /^\s*<=?\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

function isAlertFamily(family: string): boolean {
  return family.startsWith('iomt.') && family.includes('alert') && family.includes('latency');
}

/** The alert-latency target in ms: the tightest `<=` expectation on an alert latency, else 10 s. */
export function alertTargetMs(input: ReportInput): { targetMs: number; source: string } {
  let best: { targetMs: number; source: string } | null = null;
  for (const configuration of input.configurations) {
    for (const expectation of configuration.point.expectations) {
      const family = expectation.metric.slice(0, expectation.metric.lastIndexOf('.'));
      const bound = UPPER_BOUND.exec(expectation.condition)?.[1];
      if (!isAlertFamily(family) || bound === undefined) continue;
      const targetMs = Number(bound);
      if (best === null || targetMs < best.targetMs) {
        best = { targetMs, source: `expectation ${expectation.metric} ${expectation.condition}` };
      }
    }
  }
  return best ?? { targetMs: DEFAULT_ALERT_TARGET_MS, source: 'default clinical target (IEC 60601-2-27)' };
}

export function alertFigures(input: ReportInput): Figure[] {
  const families = [...metricFamilies(allMetricNames(input.configurations))].filter(([family]) => isAlertFamily(family));
  const rows: Row[] = [];
  const several = input.configurations.length > 1;
  for (const configuration of input.configurations) {
    for (const [family, members] of families) {
      for (const member of members) {
        const estimate = estimateOf(configuration, member.metric);
        if (estimate === null || member.stat === 'min') continue;
        const path = familyTitle(family);
        rows.push({
          statistic: member.stat,
          series: several ? `${path} · ${configuration.label}` : path,
          metric: member.metric,
          mean: estimate.mean,
          lo: estimate.lo,
          hi: estimate.hi,
        });
      }
    }
  }
  if (rows.length === 0) return [];
  const target = alertTargetMs(input);
  const unit = unitOf(input.configurations, String(rows[0]?.['metric'] ?? ''));
  const title = 'Alert latency against the clinical target';
  const subtitle = `Dashed line: target ${target.targetMs / 1000} s (${target.source}); whiskers = 95 % CI`;
  const series = distinctCount(rows, 'series');
  const statistics = [...new Set(families.flatMap(([, members]) => members.map((m) => m.stat)))].filter((s) => s !== 'min')
    .sort((a, b) => (quantileOfSegment(a) ?? 2) - (quantileOfSegment(b) ?? 2));
  const x = { field: 'statistic', type: 'nominal' as const, title: 'Statistic', sort: statistics, axis: { labelAngle: 0 } };
  const y = { field: 'mean', type: 'quantitative' as const, title: `Alert latency (${unit === '' ? 'ms' : unit})` };
  const xOffset = series > 1 ? { xOffset: { field: 'series', type: 'nominal' as const, sort: null } } : {};
  const color = seriesColor('series', 'Path', series);
  const targetRows = [{ target: target.targetMs, label: `target ${target.targetMs / 1000} s` }];
  return [
    {
      name: 'alert-latency-vs-target',
      title,
      caption: `${subtitle}. Metric families: ${families.map(([f]) => `\`${f}\``).join(', ')}.`,
      rows,
      spec: {
        ...envelope(title, subtitle),
        layer: [
          { mark: { type: 'bar' }, encoding: { x, y, ...xOffset, ...color } },
          {
            mark: { type: 'rule', color: '#222' },
            encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, ...xOffset },
          },
          {
            data: { values: targetRows },
            mark: { type: 'rule', color: '#c0392b', strokeDash: [6, 4], strokeWidth: 2 },
            encoding: { y: { field: 'target', type: 'quantitative' } },
          },
          {
            data: { values: targetRows },
            mark: { type: 'text', color: '#c0392b', align: 'right', baseline: 'bottom', dx: -4, dy: -3, x: 'width' },
            encoding: { y: { field: 'target', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    },
  ];
}
