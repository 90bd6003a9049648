import { describe, expect, it } from 'vitest';
import type { MetricSummary, ParameterValue } from '../results/types.ts';
import type { Configuration } from '../model/report-input.ts';
import { sweepAxisOf, sweepFigures, sweepRows } from './sweep.ts';

function point(delay: ParameterValue, throughput: MetricSummary): Configuration {
  const parameters = { 'network.latency': delay };
  return { label: `latency=${String(delay)}`, run: '', pointIndex: 0, point: { parameters, n: 3, metrics: { 'consensus.throughput_tps': throughput }, checks: [], expectations: [], traceHashes: [] }, parameters, timeseries: null, scenario: {} };
}

describe("a sweep curve's rows", () => {
  it("put each point's mean and clamped interval at its own swept value, in the axis's unit", () => {
    const configurations = [
      point('500us', { unit: 'tx/s', mean: 120, ci95: [110, 130], n: 3 }),
      point('20ms', { unit: 'tx/s', mean: 80, ci95: [-5, 165], n: 3 }),
    ];
    const axis = sweepAxisOf(configurations)!;
    expect(axis.scale?.unit).toBe('ms');
    expect(sweepRows(configurations, axis, 'consensus.throughput_tps')).toEqual([
      { x: 0.5, series: 'mean', mean: 120, lo: 110, hi: 130 },
      // A throughput cannot be negative: the interval's low end is clamped to 0 (src/metrics/domain.ts).
      { x: 20, series: 'mean', mean: 80, lo: 0, hi: 165 },
    ]);
  });
});

describe("a sweep curve's axes", () => {
  it("names the metric's unit on the y axis", () => {
    const configurations = [point('500us', { unit: 'tx/s', mean: 120, ci95: [110, 130], n: 3 }), point('20ms', { unit: 'tx/s', mean: 80, ci95: [70, 90], n: 3 })];
    const [figure] = sweepFigures({ title: 't', configurations });
    expect(JSON.stringify(figure?.spec)).toContain('"title":"consensus.throughput_tps (tx/s)"');
    expect(JSON.stringify(figure?.spec)).toContain('"title":"network.latency (ms)"');
  });
});
