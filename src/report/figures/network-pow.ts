/** PoW stale rate and bytes per node, one bar per configuration, when the metrics exist. */
import type { ReportInput } from '../model/report-input.ts';
import { allMetricNames } from '../model/metric-names.ts';
import { barFigure } from './bars.ts';
import { estimateOf, unitOf, withUnit } from './metric-rows.ts';
import type { Figure, Row } from './types.ts';

function rowsFor(input: ReportInput, metrics: readonly string[]): Row[] {
  const rows: Row[] = [];
  for (const configuration of input.configurations) {
    for (const metric of metrics) {
      const estimate = estimateOf(configuration, metric);
      if (estimate === null) continue;
      rows.push({ category: configuration.label, group: metric, mean: estimate.mean, lo: estimate.lo, hi: estimate.hi });
    }
  }
  return rows;
}

export function staleRateFigures(input: ReportInput): Figure[] {
  const rows = rowsFor(input, ['pow.stale_rate']);
  if (rows.length === 0) return [];
  return [
    barFigure({
      name: 'pow-stale-rate',
      title: 'PoW stale block rate',
      subtitle: 'Fraction of mined blocks that end off the main chain; whiskers = 95 % CI',
      caption: '`pow.stale_rate` per configuration (mean over replications, 95 % CI).',
      rows,
      xTitle: 'Stale rate',
      categoryTitle: 'Configuration',
      groupTitle: 'Metric',
      xFormat: '.1%',
    }),
  ];
}

export function bytesPerNodeFigures(input: ReportInput): Figure[] {
  const metrics = allMetricNames(input.configurations).filter(
    (m) => m === 'network.bytes_per_node' || m.startsWith('network.bytes_per_node.'),
  );
  const rows = rowsFor(input, metrics);
  if (rows.length === 0) return [];
  return [
    barFigure({
      name: 'bytes-per-node',
      title: 'Network bytes per node',
      subtitle: 'Bytes sent and received per host over the run; whiskers = 95 % CI',
      caption: `${metrics.map((m) => `\`${m}\``).join(', ')} per configuration (mean over replications, 95 % CI).`,
      rows,
      xTitle: withUnit('Bytes per node', unitOf(input.configurations, metrics[0] ?? '')),
      categoryTitle: 'Configuration',
      groupTitle: 'Metric',
    }),
  ];
}
