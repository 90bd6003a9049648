import { describe, expect, it } from 'vitest';
import type { Configuration } from '../model/report-input.ts';
import type { MetricSummary } from '../results/types.ts';
import { buildFigures } from './index.ts';

function configuration(metrics: Record<string, MetricSummary>): Configuration {
  return { label: 'selfish', run: '', pointIndex: 0, parameters: {}, timeseries: null, scenario: {}, point: { parameters: {}, n: 2, metrics, checks: [], expectations: [], traceHashes: [] } };
}

describe('PoW block propagation figure', () => {
  // Under withholding the blocks reaching half the nodes take longer on average than those reaching 90 %.
  const metrics = {
    'pow.block_propagation_ms.p50': { unit: 'ms', mean: 21627, ci95: [20000, 23000], n: 2 } as MetricSummary,
    'pow.block_propagation_ms.p90': { unit: 'ms', mean: 10892, ci95: [10000, 11800], n: 2 } as MetricSummary,
  };

  it('draws the two shares as bars, never as a CDF that could run backwards', () => {
    const figures = new Map(buildFigures({ title: 't', configurations: [configuration(metrics)] }).map((f) => [f.name, f]));
    expect(figures.has('latency-cdf-pow-block-propagation-ms')).toBe(false);
    expect(figures.get('pow-block-propagation')?.rows.map((r) => [r['group'], r['mean']])).toEqual([
      ['to 50 % of nodes', 21627],
      ['to 90 % of nodes', 10892],
    ]);
  });
});
