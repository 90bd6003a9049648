import { describe, expect, it } from 'vitest';
import type { Manifest, SizeSummary, Summary, SummaryPoint } from '../results/types.ts';
import { reportInputOf } from './report-input.ts';
import { sizeView } from './size.ts';

const SLO = 'consensus.commit_latency_ms.p99 <= 80';

function point(value: number, n: number): SummaryPoint {
  return { parameters: { 'workload.rateTps': value }, n, metrics: {}, checks: [], expectations: [], traceHashes: [] };
}

/** A search that ran 100, 12800 (stopped early before a replication finished), 6400, 8577, 8578, in that order. */
const POINTS = [point(100, 2), point(12800, 0), point(6400, 2), point(8577, 2), point(8578, 2)];
const SIZE: SizeSummary = {
  key: 'workload.rateTps',
  lo: 100,
  hi: 20000,
  goal: 'largest',
  slos: [SLO],
  answer: 8577,
  explanation: '8577 meets every SLO and 8578 does not',
  probes: [
    { value: 100, point: 0, passed: true, slos: [{ slo: SLO, observed: 56.49, passed: true }] },
    { value: 12800, point: 1, passed: false, slos: [{ slo: SLO, observed: 1200, passed: false, atLeast: true }], stoppedEarly: { replication: 0, atUs: 8e6, slo: SLO } },
    { value: 6400, point: 2, passed: true, slos: [{ slo: SLO, observed: 64.01, passed: true }] },
    { value: 8577, point: 3, passed: true, slos: [{ slo: SLO, observed: 78.42, passed: true }] },
    { value: 8578, point: 4, passed: false, slos: [{ slo: SLO, observed: 81.02, passed: false }] },
  ],
};

describe("a size search's report section", () => {
  it('lists the probes by value, each with its verdict and what the SLO metric came to', () => {
    expect(sizeView(SIZE, POINTS, 'complete').probes.map((p) => [p.value, p.n, p.verdict, ...p.slos])).toEqual([
      [100, 2, 'meets', '56.49 ok'],
      [6400, 2, 'meets', '64.01 ok'],
      [8577, 2, 'meets: the answer', '78.42 ok'],
      [8578, 2, 'misses', '81.02 FAIL'],
      [12800, 0, 'misses (stopped early: replication 0 at 8 s)', '≥ 1,200 FAIL'],
    ]);
  });

  it('says in how many replications a failed SLO metric was undefined, beside the mean of the others', () => {
    const partial = { ...SIZE, probes: [{ value: 100, point: 0, passed: false, slos: [{ slo: SLO, observed: 56.49, passed: false, undefinedIn: { replications: 1, of: 3 } }] }] };
    expect(sizeView(partial, [point(100, 3)], 'complete').probes[0]!.slos).toEqual(['56.49 where defined, undefined in 1 of 3 replications FAIL']);
  });

  it('says which replication stopped a probe by leaving which SLO metric undefined', () => {
    const stopped = { ...SIZE, probes: [{ value: 100, point: 0, passed: false, slos: [{ slo: SLO, observed: 56.49, passed: false, undefinedIn: { replications: 1, of: 2 } }], stoppedEarly: { replication: 1, atUs: 6e6, slo: SLO, undefinedMetric: 'consensus.commit_latency_ms.p99' } }] };
    expect(sizeView(stopped, [point(100, 2)], 'complete').probes[0]!.verdict).toBe('misses (stopped early: replication 1 left consensus.commit_latency_ms.p99 undefined)');
  });

  it('gives beside each SLO mean its interval and the replications that broke it, where the results recorded them', () => {
    const judged = { ...SIZE, rule: 'mean' as const, probes: [{ value: 8577, point: 3, passed: true, slos: [{ slo: SLO, rule: 'mean' as const, observed: 78.42, ci95: [75.1, 81.7] as const, failedReplications: 1, n: 2, passed: true }] }] };
    expect(sizeView(judged, POINTS, 'complete').probes[0]!.slos).toEqual(['78.42 ok, 95 % CI [75.1, 81.7], 1 of 2 break it']);
  });

  it('gives each SLO at the answer and at the nearest value past it that failed, and the caveat of an answer whose interval reaches past the bound', () => {
    const verdict = (observed: number, ci95: readonly [number, number], failedReplications: number, passed: boolean) => ({ slo: SLO, rule: 'mean' as const, observed, ci95, failedReplications, n: 2, passed });
    const judged = {
      ...SIZE,
      rule: 'mean' as const,
      probes: SIZE.probes.map((p) => (p.value === 8577 ? { ...p, slos: [verdict(78.42, [75.1, 81.7], 1, true)] } : p.value === 8578 ? { ...p, slos: [verdict(81.02, [79.5, 82.5], 2, false)] } : p)),
    };
    expect(sizeView(judged, POINTS, 'complete').evidence).toEqual([
      `at 8577: ${SLO}: 78.42 ok, 95 % CI [75.1, 81.7], 1 of 2 break it`,
      `at 8578: ${SLO}: 81.02 FAIL, 95 % CI [79.5, 82.5], 2 of 2 break it`,
      'judged on the mean: at 8577 the 95 % CI of consensus.commit_latency_ms.p99 reaches past 80, so the true mean there may miss its SLO; --set expectRule=interval finds the value whose whole CI meets every SLO, a more conservative answer',
    ]);
  });

  it('gives the answer with why it is the answer', () => {
    expect(sizeView(SIZE, POINTS, 'complete')).toMatchObject({ found: true, answer: 'workload.rateTps = 8577 (8577 meets every SLO and 8578 does not)' });
  });

  it('says no value meets every SLO when the search found none', () => {
    const none = { ...SIZE, answer: null, explanation: 'no value in [100, 20000] meets every SLO: 100 already fails' };
    expect(sizeView(none, POINTS, 'complete')).toMatchObject({ found: false, answer: 'none (no value in [100, 20000] meets every SLO: 100 already fails)' });
  });

  it('shows the probes that finished a replication in order of value, as a sweep shows its points', () => {
    const manifest = { format: 'iomtsim-results/1', kind: 'size', status: 'complete', scenario: {}, seed: 1, replications: 2 } as Manifest;
    const summary: Summary = { scenario: 'raft', status: 'complete', points: POINTS, failures: [], size: SIZE };
    const input = reportInputOf({ dir: '', manifest, summary, replications: [], hasReplicationsFile: false, timeseries: null });
    expect(input.configurations.map((c) => c.parameters['workload.rateTps'])).toEqual([100, 6400, 8577, 8578]);
  });
});

describe("a size search's probe columns", () => {
  it("puts each SLO's value in that SLO's column, whatever order the probe listed its verdicts in", () => {
    const throughput = 'consensus.throughput_tps >= 900';
    const twoSlos: SizeSummary = {
      ...SIZE,
      slos: [SLO, throughput],
      answer: 100,
      probes: [{ value: 100, point: 0, passed: true, slos: [{ slo: throughput, observed: 950.5, passed: true }, { slo: SLO, observed: 56.49, passed: true }] }],
    };
    expect(sizeView(twoSlos, [point(100, 2)], 'complete').probes[0]!.slos).toEqual(['56.49 ok', '950.5 ok']);
  });
});
