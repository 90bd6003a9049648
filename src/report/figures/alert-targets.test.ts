import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULES } from '../../iomt/alert-rules.ts';
import type { Configuration, ReportInput } from '../model/report-input.ts';
import type { ExpectationOutcome } from '../results/types.ts';
import { alertTargets } from './alert-targets.ts';

function input(scenario: Record<string, unknown>, expectations: ExpectationOutcome[]): ReportInput {
  const configuration: Configuration = {
    label: 'default',
    run: '',
    pointIndex: 0,
    parameters: {},
    timeseries: null,
    scenario,
    point: { parameters: {}, n: 1, metrics: {}, checks: [], expectations, traceHashes: [] },
  };
  return { title: 't', configurations: [configuration] };
}

const RULES = {
  iomt: {
    rules: [
      { name: 'spo2-low', hold: 15_000_000, target: 10_000_000 },
      { name: 'hr-high', hold: 5_000_000, target: 10_000_000 },
    ],
  },
};

describe('alert deadlines', () => {
  it("draws the model's default rules, hold + target each, when the scenario states none", () => {
    const deadlines = alertTargets(input({ iomt: {} }, [])).deadlines;
    expect(deadlines.map((d) => d.deadlineMs)).toEqual(DEFAULT_ALERT_RULES.map((r) => (r.holdUs + r.targetUs) / 1000));
    expect(deadlines.map((d) => d.label)).toEqual(['spo2-low: hold 15 s + target 10 s', 'hr-high: hold 5 s + target 10 s']);
  });

  it("draws each scenario rule's hold + target, since latency counts from episode start", () => {
    expect(alertTargets(input(RULES, [])).deadlines.map((d) => d.deadlineMs)).toEqual([25_000, 15_000]);
  });

  it('prefers an expectation on an alert latency', () => {
    const expectation = { metric: 'iomt.alert_latency_ms.p95', condition: '<= 8000', observed: 1, passed: true };
    expect(alertTargets(input(RULES, [expectation])).deadlines.map((d) => d.deadlineMs)).toEqual([8000]);
  });
});
