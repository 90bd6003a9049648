/** PoW stale rate, PoW block propagation and bytes per node, one bar per configuration, when the metrics exist. */
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

/** Mean time for a block to reach 50 % and 90 % of nodes: two means over different sets of blocks, drawn side by side (not as a CDF). */
export function blockPropagationFigures(input: ReportInput): Figure[] {
  const shares = [['pow.block_propagation_ms.p50', 'to 50 % of nodes'], ['pow.block_propagation_ms.p90', 'to 90 % of nodes']] as const;
  const rows = rowsFor(input, shares.map(([m]) => m)).map((r) => ({ ...r, group: shares.find(([m]) => m === r['group'])![1] }));
  if (rows.length === 0) return [];
  return [
    barFigure({
      name: 'pow-block-propagation',
      title: 'PoW block propagation',
      subtitle: 'Mean over blocks of the time from mining until a share of nodes has the block, each over the blocks that reached it; whiskers = 95 % CI',
      caption: '`pow.block_propagation_ms.p50` and `.p90` per configuration (mean over replications, 95 % CI). Each covers the blocks that reached its share, so under withholding the first may exceed the second.',
      rows,
      xTitle: withUnit('Time to reach the share', unitOf(input.configurations, shares[0][0])),
      categoryTitle: 'Configuration',
      groupTitle: 'Share of nodes',
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
      title: 'Network bytes sent per replica',
      subtitle: 'Mean bytes each consensus replica sent after the warm-up; whiskers = 95 % CI',
      caption: `${metrics.map((m) => `\`${m}\``).join(', ')} per configuration (mean over replications, 95 % CI).`,
      rows,
      xTitle: withUnit('Bytes sent per replica', unitOf(input.configurations, metrics[0] ?? '')),
      categoryTitle: 'Configuration',
      groupTitle: 'Metric',
    }),
  ];
}
