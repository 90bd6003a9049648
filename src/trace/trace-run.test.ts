import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { loadScenario } from '../scenario/index.ts';
import type { TraceEvent } from './chrome-trace.ts';
import { parseHostSelection } from './host-selection.ts';
import { traceFormatProblems } from './trace-format.ts';
import { traceScenario, type TraceOutput } from './trace-run.ts';

const scenario = loadScenario('scenarios/consortium.yaml', ['duration=2s', 'warmup=0s']).scenario;
const traced: TraceOutput = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 1_000_000, hosts: null, decisions: 2 });

/** The messages a chart draws, from its SVG's data attributes. */
function chartMessages(svg: string): string[] {
  return [...svg.matchAll(/<line class="message" data-kind="([^"]+)" data-from="(\d+)" data-to="(\d+)" data-depart-us="(\d+)" data-deliver-us="(\d+)"/g)].map((m) => m.slice(1).join(' '));
}

describe('iomtsim trace', () => {
  it('writes a trace in the trace-event format: typed events, each flow finishing once after it starts, every thread named', () => {
    expect(traceFormatProblems(JSON.parse(JSON.stringify(traced.trace)))).toEqual([]);
    expect(traced.trace.traceEvents.filter((e) => e.ph === 's').length).toBeGreaterThan(100);
  });

  it('rejects a trace with a flow that finishes before it starts or never starts', () => {
    const events = traced.trace.traceEvents.map((e) => (e.ph === 'f' ? { ...e, ts: 0 } : e)).filter((e) => e.ph !== 's' || e.id !== 1);
    const problems = traceFormatProblems({ ...traced.trace, traceEvents: events });
    expect(problems.some((p) => p.includes('before it starts'))).toBe(true);
    expect(problems.some((p) => p.includes('without a start'))).toBe(true);
  });

  it("draws in its sequence chart exactly the trace's messages between replicas until the chart's last decision", () => {
    type FlowEvent = Extract<TraceEvent, { ph: 's' | 'f' }>;
    const hostOfThread = (e: FlowEvent): number => e.tid - 1;
    const starts = new Map(traced.trace.traceEvents.filter((e): e is FlowEvent => e.ph === 's').map((e) => [e.id, e]));
    const replicas = new Set(traced.replicaHosts);
    const commitTimes = [...traced.sequenceSvg.matchAll(/<circle class="commit"[^>]*><title>commit height \d+ at ([\d.]+) ms/g)].map((m) => Math.round(Number(m[1]) * 1000));
    const endUs = Math.max(...commitTimes);
    const fromTrace = traced.trace.traceEvents
      .filter((e): e is FlowEvent => e.ph === 'f')
      .map((f) => ({ f, s: starts.get(f.id)! }))
      .filter(({ f, s }) => replicas.has(hostOfThread(s)) && replicas.has(hostOfThread(f)) && s.ts <= endUs)
      .sort((a, b) => a.s.ts - b.s.ts || a.s.id - b.s.id)
      .map(({ f, s }) => `${s.name} ${hostOfThread(s)} ${hostOfThread(f)} ${s.ts} ${f.ts}`);
    expect(fromTrace.length).toBeGreaterThan(20);
    expect(chartMessages(traced.sequenceSvg)).toEqual(fromTrace);
  });

  it('charts the first decisions: every replica commits each of them', () => {
    const heights = [...traced.sequenceSvg.matchAll(/data-host="(\d+)" data-height="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(new Set(heights).size).toBe(2 * traced.replicaHosts.length);
  });

  it('keeps only the messages that touch the hosts asked for', () => {
    const only = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('0'), decisions: 1 });
    const threads = new Set(only.trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'cpu').map((e) => (e as { tid: number }).tid));
    expect([...threads]).toEqual([1]);
  });

  it('ends each kept message to a host not kept on a receive mark there, so that every flow finishes inside a slice', () => {
    const only = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('replicas'), decisions: 1 });
    expect(traceFormatProblems(JSON.parse(JSON.stringify(only.trace)))).toEqual([]);
    expect(only.trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'receive').length).toBeGreaterThan(0);
  });

  it("keeps the consensus replicas' slices when asked for replicas", () => {
    const only = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('replicas'), decisions: 1 });
    const threads = new Set(only.trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'cpu').map((e) => (e as { tid: number }).tid - 1));
    expect([...threads].sort()).toEqual([...only.replicaHosts].sort());
  });

  it('refuses, before running, a host the world does not have', () => {
    const run = (): TraceOutput => traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('0,999'), decisions: 1 });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/^--hosts 0,999: \(flag\): expected host ids from 0 to \d+ \(scenario 'consortium' has \d+ hosts\), found '999'$/);
  });
});
