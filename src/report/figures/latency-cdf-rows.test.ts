import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../results/types.ts';
import type { Configuration } from '../model/report-input.ts';
import { latencyCdfFigures } from './latency-cdf.ts';

describe("a latency CDF's percentile points", () => {
  it('sit at the mean of each percentile, at its quantile, with the interval as the bar', () => {
    const metrics: Record<string, MetricSummary> = {
      'consensus.commit_latency_ms.p50': { unit: 'ms', mean: 40, ci95: [38, 42], n: 3 },
      'consensus.commit_latency_ms.p99': { unit: 'ms', mean: 140, ci95: [120, 160], n: 3 },
    };
    const c: Configuration = { label: 'run', run: '', pointIndex: 0, point: { parameters: {}, n: 3, metrics, checks: [], expectations: [], traceHashes: [] }, parameters: {}, timeseries: null, scenario: {} };
    const [figure] = latencyCdfFigures({ title: 't', configurations: [c] });
    expect(figure?.rows).toEqual([
      { configuration: 'run', statistic: 'p50', quantile: 0.5, value: 40, lo: 38, hi: 42, source: 'percentiles' },
      { configuration: 'run', statistic: 'p99', quantile: 0.99, value: 140, lo: 120, hi: 160, source: 'percentiles' },
    ]);
  });
});
