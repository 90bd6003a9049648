/**
 * Attack outcomes and detector scores, from metrics named `attack.<name>.<score>` and
 * `detect.<detector>.<score>`: rates (detection rate, false-positive rate, success rate, …) on a
 * 0–1 axis, and time to detect in its own figure.
 */
import type { ReportInput } from '../model/report-input.ts';
import { allMetricNames, DETECTOR_AREA, scoreMetricPattern } from '../model/metric-names.ts';
import { barFigure } from './bars.ts';
import { estimateOf, unitOf, withUnit } from './metric-rows.ts';
import type { Figure, Row } from './types.ts';

const RATE_METRIC = scoreMetricPattern('([a-z0-9_]*_rate|precision|recall|f1|[a-z0-9_]*_share)');
const TIME_TO_DETECT_METRIC = scoreMetricPattern('(time_to_detect_ms)(?:\\.(mean|p\\d+))?');

function scoreRows(input: ReportInput, pattern: RegExp): Row[] {
  const metrics = allMetricNames(input.configurations).filter((m) => pattern.test(m));
  const rows: Row[] = [];
  const several = input.configurations.length > 1;
  for (const configuration of input.configurations) {
    for (const metric of metrics) {
      const match = pattern.exec(metric);
      const estimate = estimateOf(configuration, metric);
      if (match === null || estimate === null) continue;
      const subject = `${match[1]}.${match[2]}`;
      // Time to detect carries its statistic (mean, p95) as a last segment; rates are named by score.
      const score = (pattern === TIME_TO_DETECT_METRIC ? (match[4] ?? 'value') : match[3]) ?? metric;
      rows.push({
        panel: subject,
        category: several ? configuration.label : subject,
        group: score.replace(/_/g, ' '),
        metric,
        mean: estimate.mean,
        lo: estimate.lo,
        hi: estimate.hi,
      });
    }
  }
  return rows;
}

/** The score every row shows, capitalised ("False positive rate"), when they all show one; else undefined. */
function onlyGroup(rows: readonly Row[]): string | undefined {
  const groups = new Set(rows.map((r) => String(r['group'])));
  if (groups.size !== 1) return undefined;
  const [group] = groups;
  return group!.charAt(0).toUpperCase() + group!.slice(1);
}

export function attackFigures(input: ReportInput): Figure[] {
  const figures: Figure[] = [];
  const several = input.configurations.length > 1;
  const rates = scoreRows(input, RATE_METRIC);
  if (rates.length > 0) {
    figures.push(
      barFigure({
        name: 'attack-detector-scores',
        title: 'Attack outcomes and detector scores',
        subtitle: 'Outcome rates and shares, judged against each attack\u2019s ground truth; whiskers = 95 % CI',
        caption: `Metrics \`attack.<name>.*_rate\` and \`${DETECTOR_AREA}.<detector>.*_rate\` (mean over replications, 95 % CI).`,
        rows: rates,
        // With one score the legend is left out (seriesColor), so the axis names it.
        xTitle: onlyGroup(rates) ?? 'Rate',
        categoryTitle: several ? 'Configuration' : 'Attack or detector',
        groupTitle: 'Score',
        domain: [0, 1],
        xFormat: '.0%',
        panelled: several,
      }),
    );
  }
  const times = scoreRows(input, TIME_TO_DETECT_METRIC);
  if (times.length > 0) {
    const firstMetric = String(times[0]?.['metric'] ?? '');
    figures.push(
      barFigure({
        name: 'time-to-detect',
        title: 'Time to detect',
        subtitle: 'From attack start to the first correct detection; whiskers = 95 % CI',
        caption: 'Metrics `*.time_to_detect_ms` (mean over replications, 95 % CI).',
        rows: times,
        xTitle: withUnit('Time to detect', unitOf(input.configurations, firstMetric)),
        categoryTitle: several ? 'Configuration' : 'Attack or detector',
        groupTitle: 'Statistic',
        panelled: several,
      }),
    );
  }
  return figures;
}
