import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../results/types.ts';
import type { Configuration } from '../model/report-input.ts';
import { alertFigures } from './alerts.ts';

describe("the alert figure's caption", () => {
  it('prints a within-target ratio short of 1 below 100 %, never rounded onto the target it missed', () => {
    const metrics: Record<string, MetricSummary> = {
      'iomt.alert_latency_ms.p50': { unit: 'ms', mean: 180, ci95: [170, 190], n: 3 },
      'iomt.alert_latency_ms.p95': { unit: 'ms', mean: 420, ci95: [400, 440], n: 3 },
      'iomt.alert_within_target_ratio': { unit: 'ratio', mean: 0.99996, ci95: [0.99988, 1], n: 3 },
    };
    const c: Configuration = { label: 'run', run: '', pointIndex: 0, point: { parameters: {}, n: 3, metrics, checks: [], expectations: [], traceHashes: [] }, parameters: {}, timeseries: null, scenario: {} };
    const [figure] = alertFigures({ title: 't', configurations: [c] });
    expect(figure?.caption).toContain('fast path: 99.996 %.');
  });
});
