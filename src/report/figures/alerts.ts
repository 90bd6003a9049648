/**
 * Clinical alert latency (fast path and on-chain path) against its deadlines (alert-targets.ts),
 * with the model's own verdict, the share of alerts within their rule's target, in the caption.
 */
import type { ReportInput } from '../model/report-input.ts';
import { allMetricNames, metricFamilies, quantileOfSegment } from '../model/metric-names.ts';
import { formatJudgedPercent } from '../model/format.ts';
import { WITHIN_TARGET_RATIO } from '../model/headline.ts';
import { alertTargets, isAlertLatencyFamily } from './alert-targets.ts';
import { estimateOf, unitOf } from './metric-rows.ts';
import type { Figure, Row } from './types.ts';
import { distinctCount, envelope, familyTitle, seriesColor } from './vl.ts';

const WITHIN_TARGET = /^iomt\.alert_within_target(_[a-z]+)?_ratio$/;

/** The fast path alarms from the gateway; the on-chain path waits for the alert's commit. */
function pathLabel(family: string): string {
  if (family === 'iomt.alert_latency_ms') return 'Fast path';
  if (/on_?chain/.test(family)) return 'On-chain path';
  return familyTitle(family);
}

/** "fast path: 98 %" phrases (episodes alerted within target) for the caption, per configuration. */
function withinTargetText(input: ReportInput): string {
  const metrics = allMetricNames(input.configurations).filter((m) => WITHIN_TARGET.test(m));
  const parts: string[] = [];
  for (const configuration of input.configurations) {
    for (const metric of metrics) {
      const estimate = estimateOf(configuration, metric);
      if (estimate === null) continue;
      const path = metric.replace(WITHIN_TARGET, (_, p: string | undefined) => (p === undefined ? 'fast path' : `${p.slice(1)} path`));
      const who = input.configurations.length > 1 ? `${configuration.label}, ` : '';
      // On its side of the rule's target: a ratio of 0.99996 (missed) must not read 100 %.
      parts.push(`${who}${path}: ${formatJudgedPercent(estimate.mean, [WITHIN_TARGET_RATIO])} %`);
    }
  }
  return parts.length === 0 ? '' : ` Episodes alerted within their rule's target, one never alerted on the path a miss (\`iomt.alert_within_target*_ratio\`): ${parts.join('; ')}.`;
}

export function alertFigures(input: ReportInput): Figure[] {
  const families = [...metricFamilies(allMetricNames(input.configurations))].filter(([family]) => isAlertLatencyFamily(family));
  const rows: Row[] = [];
  const several = input.configurations.length > 1;
  for (const configuration of input.configurations) {
    for (const [family, members] of families) {
      for (const member of members) {
        const estimate = estimateOf(configuration, member.metric);
        if (estimate === null || member.stat === 'min') continue;
        const path = pathLabel(family);
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
  const targets = alertTargets(input);
  const unit = unitOf(input.configurations, String(rows[0]?.['metric'] ?? ''));
  const title = 'Alert latency against the clinical target';
  const subtitle = `Dashed: deadlines (${targets.source}); whiskers = 95 % CI`;
  const series = distinctCount(rows, 'series');
  const statistics = [...new Set(families.flatMap(([, members]) => members.map((m) => m.stat)))]
    .filter((s) => s !== 'min')
    .sort((a, b) => (quantileOfSegment(a) ?? 2) - (quantileOfSegment(b) ?? 2));
  const x = { field: 'statistic', type: 'nominal' as const, title: 'Statistic', sort: statistics, axis: { labelAngle: 0 } };
  const y = { field: 'mean', type: 'quantitative' as const, title: `Alert latency since episode start (${unit === '' ? 'ms' : unit})` };
  const xOffset = series > 1 ? { xOffset: { field: 'series', type: 'nominal' as const, sort: null } } : {};
  const color = seriesColor('series', 'Path', series);
  const targetRows = targets.deadlines.map((d) => ({ target: d.deadlineMs, label: d.label }));
  return [
    {
      name: 'alert-latency-vs-target',
      title,
      caption: `${subtitle}. Metric families: ${families.map(([f]) => `\`${f}\``).join(', ')}.${withinTargetText(input)}`,
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
