import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../results/types.ts';
import type { Configuration } from '../model/report-input.ts';
import { summaryTableHtml } from '../html/sections.ts';
import { keyNumbersMarkdown } from './report-md.ts';

/**
 * Three replications ran; one committed nothing, so its commit latency p99 is undefined and the
 * mean is over the other two: both metric tables must say so beside the value, as the headline does.
 */
function partial(): Configuration {
  const metrics: Record<string, MetricSummary> = {
    'consensus.throughput_tps': { unit: 'tx/s', mean: 50, ci95: [40, 60], n: 3, sd: 4, min: 46, max: 54 },
    'consensus.commit_latency_ms.p99': { unit: 'ms', mean: 687.7, ci95: [0, 6460], n: 2, sd: 642.5, min: 233, max: 1142 },
  };
  return { label: 'run', run: '', pointIndex: 0, point: { parameters: {}, n: 3, metrics, checks: [], expectations: [], traceHashes: [] }, parameters: {}, timeseries: null, scenario: {} };
}

describe("the metric tables' replication counts", () => {
  it("report.md's key numbers say a metric has values from fewer replications than its configuration ran", () => {
    const md = keyNumbersMarkdown([partial()]);
    expect(md).toContain('| `consensus.commit_latency_ms.p99` | ms | 687.7 [0, 6,460] (n=2 of 3) |');
    expect(md).toContain('| `consensus.throughput_tps` | tx/s | 50 [40, 60] |');
  });

  it("report.html's metric tables say so too", () => {
    const html = summaryTableHtml([partial()]);
    expect(html).toContain('<td class="num">687.7 [0, 6,460] (n=2 of 3)</td>');
    expect(html).toContain('<td class="num">50 [40, 60]</td>');
  });
});
