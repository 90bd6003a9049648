/**
 * Messages per decision against the number of consensus nodes n. n is the swept parameter when
 * the sweep varies a `*.nodes` key, otherwise the scenario's `consensus.nodes`.
 */
import type { Configuration, ReportInput } from '../model/report-input.ts';
import { scenarioValue } from '../model/report-input.ts';
import type { Figure, Row } from './types.ts';
import { curveFigure, seriesLabel } from './sweep.ts';
import { estimateOf } from './metric-rows.ts';
import { distinctCount } from './vl.ts';

const METRIC = 'consensus.messages_per_decision';
const SCENARIO_NODES = 'consensus.nodes';

export function messagesFigures(input: ReportInput): Figure[] {
  const nodesKey = [...new Set(input.configurations.flatMap((c) => Object.keys(c.parameters)))].find(
    (key) => key === SCENARIO_NODES || key.endsWith('.nodes'),
  );
  const rows: Row[] = [];
  for (const configuration of input.configurations) {
    const n = nodesOf(configuration, nodesKey);
    const estimate = estimateOf(configuration, METRIC);
    if (n === null || estimate === null) continue;
    rows.push({
      x: n,
      series: seriesLabel(configuration, nodesKey ?? ''),
      mean: estimate.mean,
      lo: estimate.lo,
      hi: estimate.hi,
    });
  }
  // A curve against n needs two values of n: one run's single point is the summary table's job.
  if (distinctCount(rows, 'x') < 2) return [];
  return [
    curveFigure({
      name: 'messages-per-decision',
      title: 'Messages per decision against n',
      xTitle: 'Consensus nodes (n)',
      yTitle: 'Messages per decision',
      numeric: true,
      rows,
      caption: `\`${METRIC}\` (mean, 95 % CI) against n, from ${nodesKey === undefined ? `the scenario's \`${SCENARIO_NODES}\`` : `the swept \`${nodesKey}\``}.`,
    }),
  ];
}

function nodesOf(configuration: Configuration, nodesKey: string | undefined): number | null {
  const value = nodesKey === undefined ? scenarioValue(configuration.scenario, SCENARIO_NODES) : configuration.parameters[nodesKey];
  return typeof value === 'number' ? value : null;
}
