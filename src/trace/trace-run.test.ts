import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/errors.ts';
import { loadScenario } from '../scenario/index.ts';
import { assembleWorld } from '../world/assemble.ts';
import { consensusConfiguration } from '../world/consensus.ts';
import { chromeTraceJson, type TraceEvent } from './chrome-trace.ts';
import { parseHostSelection } from './host-selection.ts';
import { traceFormatProblems } from './trace-format.ts';
import { traceScenario, type TraceOutput } from './trace-run.ts';

const scenario = loadScenario('scenarios/consortium.yaml', ['duration=2s', 'warmup=0s']).scenario;
const traced: TraceOutput = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 1_000_000, hosts: null, decisions: 2 });

/** The trace file `output` writes, parsed. */
function written(output: TraceOutput): { traceEvents: TraceEvent[]; otherData: Record<string, string | number> } {
  return JSON.parse([...chromeTraceJson(output.trace)].join(''));
}

const tracedFile = written(traced);

/** The messages a chart draws, from its SVG's data attributes. */
function chartMessages(svg: string): string[] {
  return [...svg.matchAll(/<line class="message" data-kind="([^"]+)" data-from="(\d+)" data-to="(\d+)" data-depart-us="(\d+)" data-deliver-us="(\d+)"/g)].map((m) => m.slice(1).join(' '));
}

describe('iomtsim trace', () => {
  it('writes a trace in the trace-event format: typed events, each flow finishing once after it starts, every thread named', () => {
    expect(traceFormatProblems(tracedFile)).toEqual([]);
    expect(tracedFile.traceEvents.filter((e) => e.ph === 's').length).toBeGreaterThan(100);
  });

  it('rejects a trace with a flow that finishes before it starts or never starts', () => {
    const events = tracedFile.traceEvents.map((e) => (e.ph === 'f' ? { ...e, ts: 0 } : e)).filter((e) => e.ph !== 's' || e.id !== 1);
    const problems = traceFormatProblems({ ...tracedFile, traceEvents: events });
    expect(problems.some((p) => p.includes('before it starts'))).toBe(true);
    expect(problems.some((p) => p.includes('without a start'))).toBe(true);
  });

  it("draws in its sequence chart exactly the trace's messages between replicas until the chart's last decision", () => {
    type FlowEvent = Extract<TraceEvent, { ph: 's' | 'f' }>;
    const hostOfThread = (e: FlowEvent): number => e.tid - 1;
    const starts = new Map(tracedFile.traceEvents.filter((e): e is FlowEvent => e.ph === 's').map((e) => [e.id, e]));
    const replicas = new Set(traced.replicaHosts);
    const commitTimes = [...traced.sequenceSvg.matchAll(/<circle class="commit"[^>]*><title>commit height \d+ at ([\d.]+) ms/g)].map((m) => Math.round(Number(m[1]) * 1000));
    const endUs = Math.max(...commitTimes);
    const fromTrace = tracedFile.traceEvents
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
    const threads = new Set(written(only).traceEvents.filter((e) => e.ph === 'X' && e.cat === 'cpu').map((e) => (e as { tid: number }).tid));
    expect([...threads]).toEqual([1]);
  });

  it('ends each kept message to a host not kept on a receive mark there, so that every flow finishes inside a slice', () => {
    const only = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('replicas'), decisions: 1 });
    expect(traceFormatProblems(written(only))).toEqual([]);
    expect(written(only).traceEvents.filter((e) => e.ph === 'X' && e.cat === 'receive').length).toBeGreaterThan(0);
  });

  it("keeps the consensus replicas' slices when asked for replicas", () => {
    const only = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('replicas'), decisions: 1 });
    const threads = new Set(written(only).traceEvents.filter((e) => e.ph === 'X' && e.cat === 'cpu').map((e) => (e as { tid: number }).tid - 1));
    expect([...threads].sort()).toEqual([...only.replicaHosts].sort());
  });

  it('refuses, before running, a host the world does not have', () => {
    const run = (): TraceOutput => traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 500_000, hosts: parseHostSelection('0,999'), decisions: 1 });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/^--hosts 0,999: \(flag\): expected host ids from 0 to \d+ \(scenario 'consortium' has \d+ hosts\), found '999'$/);
  });

  it('traces to T the run of duration T: the same trace hash, and nothing at T itself', () => {
    // A time at which a host handled an event: an inclusive end would trace it and hash it.
    const cutUs = tracedFile.traceEvents.find((e): e is Extract<TraceEvent, { ph: 'X' }> => e.ph === 'X' && e.cat === 'cpu' && e.ts >= 500_000)!.ts;
    const cut = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: cutUs, hosts: null, decisions: 2 });
    const shorter = loadScenario('scenarios/consortium.yaml', [`duration=${cutUs}us`, 'warmup=0s']).scenario;
    expect(cut.trace.otherData['traceHash']).toBe(assembleWorld(shorter, consensusConfiguration(shorter, 7)).run().traceHash);
    expect(written(cut).traceEvents.filter((e) => e.ph === 'X' && e.cat === 'cpu' && e.ts >= cutUs)).toEqual([]);
  });

  it("charts every replica's messages whichever hosts the trace keeps", () => {
    const some = traceScenario({ scenario, seed: 7, fromUs: 0, toUs: 1_000_000, hosts: parseHostSelection('0,5'), decisions: 2 });
    expect(chartMessages(some.sequenceSvg)).toEqual(chartMessages(traced.sequenceSvg));
  });

  it('draws no arrow from a copy lost in a crash to a later resend of the same message', () => {
    // scenarios/pbft-crash.yaml with its leader down from 1 s to 3 s: replicas resend their votes to it once it is back.
    const crash = loadScenario('scenarios/pbft-crash.yaml', ['duration=4s', 'warmup=1s', 'attacks.0.start=1s', 'attacks.0.end=3s', 'workload.rateTps=200']).scenario;
    const events = written(traceScenario({ scenario: crash, seed: crash.seed, fromUs: 0, toUs: 4_000_000, hosts: null, decisions: 1 })).traceEvents;
    const departures = new Map(events.flatMap((e) => (e.ph === 's' ? [[e.id, e.ts] as const] : [])));
    const arrowsUs = events.flatMap((e) => (e.ph === 'f' ? [e.ts - departures.get(e.id)!] : []));
    expect(arrowsUs.length).toBeGreaterThan(1000);
    expect(Math.max(...arrowsUs)).toBeLessThan(200_000);
  });
});
