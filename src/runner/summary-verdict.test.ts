import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/index.ts';
import type { ReplicationRecord } from './types.ts';
import { buildSummary, judgeExpectations, summarizePoint, summaryPassed, type ExpectationResult, type PointSummary, type Summary } from './summary.ts';

function summaryWith(point: Partial<PointSummary>): Summary {
  return {
    scenario: 't',
    status: 'complete',
    failures: [],
    points: [{ parameters: {}, n: 1, metrics: {}, checks: [], expectations: [], traceHashes: ['0'], ...point }],
  };
}

/** An expectation judged on the mean of one replication, as summarizePoint gives it. */
function judged(metric: string, condition: string, observed: number, passed: boolean): ExpectationResult {
  return { metric, condition, rule: 'mean', observed, ci95: null, failedReplications: passed ? 0 : 1, n: 1, passed };
}

const failedSafety = { name: 'safety', passed: false, failedReplications: 1, n: 1, detail: 'conflicting commits at height 3', violationsMetric: 'safety.violations' };

describe('summaryPassed', () => {
  it('fails a run whose safety check failed when nothing expected it', () => {
    expect(summaryPassed(summaryWith({ checks: [failedSafety] }))).toBe(false);
  });

  it('lets an expectation on safety.violations take over the safety verdict (a scenario beyond the fault model)', () => {
    const expectations = [judged('safety.violations', '> 0', 34, true)];
    expect(summaryPassed(summaryWith({ checks: [failedSafety], expectations }))).toBe(true);
  });

  it('still fails when that expectation itself does not hold', () => {
    const expectations = [judged('safety.violations', '> 0', 0, false)];
    expect(summaryPassed(summaryWith({ checks: [failedSafety], expectations }))).toBe(false);
  });

  it("lets an expectation on the metric a check names take over its verdict (readers' proofs expose tampering)", () => {
    const integrity = { name: 'iomt.integrity', passed: false, failedReplications: 1, n: 1, detail: '32 valid, 15 invalid reads', violationsMetric: 'iomt.integrity_checks_invalid' };
    const expectations = [judged('iomt.integrity_checks_invalid', '> 0', 15, true)];
    expect(summaryPassed(summaryWith({ checks: [integrity], expectations }))).toBe(true);
    const onDefaultName = [judged('iomt.integrity.violations', '> 0', 15, true)];
    expect(summaryPassed(summaryWith({ checks: [integrity], expectations: onDefaultName }))).toBe(false);
  });

  it('does not let an expectation on another metric excuse a failed check', () => {
    const expectations = [judged('liveness.violations', '>= 0', 0, true)];
    expect(summaryPassed(summaryWith({ checks: [failedSafety], expectations }))).toBe(false);
  });
});

function recordWith(checks: ReplicationRecord['checks']): ReplicationRecord {
  return { point: 0, parameters: {}, replication: 0, seed: 1, metrics: {}, checks, traceHash: '0', eventsProcessed: 0, simulatedUs: 0, wallMs: 0 };
}

describe('summarizePoint', () => {
  it('carries the metric a check names into the summary, and <name>.violations (snake case) for a check that names none', () => {
    const scenario = { expect: {} } as unknown as Scenario;
    const point = summarizePoint({ parameters: {}, scenario }, [
      recordWith([
        { name: 'iomt.integrity', passed: true, detail: '', violationsMetric: 'iomt.integrity_checks_invalid' },
        { name: 'state-agreement', passed: true, detail: '' },
      ]),
    ]);
    expect(point.checks.map((c) => c.violationsMetric)).toEqual(['iomt.integrity_checks_invalid', 'state_agreement.violations']);
  });


  it('fails a check that one of three replications failed, quoting that replication', () => {
    const scenario = { expect: {} } as unknown as Scenario;
    const check = (passed: boolean) => ({ name: 'safety', passed, detail: passed ? '' : 'conflicting commits at height 3' });
    const records = [true, false, true].map((passed, replication) => ({ ...recordWith([check(passed)]), replication, seed: replication + 1 }));
    expect(summarizePoint({ parameters: {}, scenario }, records).checks[0]).toMatchObject({ passed: false, failedReplications: 1, n: 3, detail: 'replication 1 (seed 2): conflicting commits at height 3' });
  });

  it('quotes the first replication that failed a check, in replication order, whatever order the records came in', () => {
    const scenario = { expect: {} } as unknown as Scenario;
    const check = (detail: string) => ({ name: 'safety', passed: false, detail });
    const records = [2, 1].map((replication) => ({ ...recordWith([check(`at height ${replication}`)]), replication, seed: replication + 1 }));
    expect(summarizePoint({ parameters: {}, scenario }, records).checks[0]).toMatchObject({ failedReplications: 2, detail: 'replication 1 (seed 2): at height 1' });
  });

  it('says a pass no replication could have failed could not fail, and nothing of a pass one replication could have failed', () => {
    const scenario = { expect: {} } as unknown as Scenario;
    const vacuous = { name: 'liveness', passed: true, detail: 'committed height advanced', couldNotFail: 'the run, 20 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)' };
    const real = { name: 'liveness', passed: true, detail: 'committed height advanced' };
    const both = (a: ReplicationRecord['checks'][number], b: ReplicationRecord['checks'][number]) => summarizePoint({ parameters: {}, scenario }, [recordWith([a]), { ...recordWith([b]), replication: 1 }]).checks[0]!;
    expect(both(vacuous, vacuous)).toMatchObject({ passed: true, detail: 'could not fail: the run, 20 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)', couldNotFail: vacuous.couldNotFail });
    expect(both(vacuous, real)).toMatchObject({ passed: true, detail: '' });
    expect(both(vacuous, real).couldNotFail).toBeUndefined();
  });

  it('says an expectation on the violations of a check that could not fail could not fail either, and nothing of one on a check that could', () => {
    const reason = 'the run, 20 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)';
    const scenario = { expect: { 'liveness.violations': '== 0', 'safety.violations': '== 0' }, expectRule: 'mean' } as unknown as Scenario;
    const record = {
      ...recordWith([
        { name: 'liveness', passed: true, detail: '', couldNotFail: reason },
        { name: 'safety', passed: true, detail: '' },
      ]),
      metrics: { 'liveness.violations': { unit: 'count', value: 0 }, 'safety.violations': { unit: 'count', value: 0 } },
    };
    const point = summarizePoint({ parameters: {}, scenario }, [record]);
    expect(point.expectations.find((e) => e.metric === 'liveness.violations')).toMatchObject({ passed: true, couldNotFail: reason });
    expect(point.expectations.find((e) => e.metric === 'safety.violations')!.couldNotFail).toBeUndefined();
  });

  it("judges no expectation on a point a shard holds no replication of (the merged run judges it)", () => {
    const point = summarizePoint({ parameters: { 'consensus.nodes': 5 }, scenario: { expect: { 'safety.violations': '== 0' } } as unknown as Scenario }, []);
    expect(point.n).toBe(0);
    expect(point.expectations).toEqual([]);
    expect(summaryPassed({ scenario: 't', status: 'complete', failures: [], points: [point] })).toBe(true);
  });
});

describe('judgeExpectations', () => {
  it('fails an expectation on a metric no replication produced', () => {
    // null <= 2000 and null !== 1 hold in JavaScript: a missing value must not reach the comparison.
    const records = [0, 1, 2].map((replication) => ({ ...recordWith([]), replication, metrics: {} }));
    const expectations = judgeExpectations({ 'consensus.commit_latency_ms.p99': '<= 2000', 'safety.violations': '!= 1' }, 'mean', records);
    expect(expectations.map((e) => [e.observed, e.passed, e.failedReplications])).toEqual([[null, false, 3], [null, false, 3]]);
  });

  it('fails an expectation on a latency one of 3 replications left undefined (it committed nothing), however low the others are', () => {
    const scenario = { expect: { 'consensus.commit_latency_ms.p99': '<= 250' }, expectRule: 'mean' } as unknown as Scenario;
    const records = [120, NaN, 130].map((p99, replication) => ({ ...recordWith([]), replication, metrics: { 'consensus.commit_latency_ms.p99': { unit: 'ms', value: p99 } } }));
    const point = summarizePoint({ parameters: {}, scenario }, records);
    expect(point.metrics['consensus.commit_latency_ms.p99']).toMatchObject({ mean: 125, n: 2 });
    expect(point.expectations).toEqual([
      { metric: 'consensus.commit_latency_ms.p99', condition: '<= 250', rule: 'mean', observed: 125, ci95: [expect.any(Number), expect.any(Number)], failedReplications: 1, n: 3, passed: false, undefinedIn: { replications: 1, of: 3 } },
    ]);
    expect(summaryPassed({ scenario: 't', status: 'complete', failures: [], points: [point] })).toBe(false);
  });
});

describe('summarizePoint judging by the scenario\'s expectRule', () => {
  // Five p99s of consortium.yaml at 6 s: mean 181.1, 95 % interval [166.3, 195.9], 194.7 and 191.6 above 185.
  const records = [194.7, 168.3, 180.0, 170.8, 191.6].map((p99, replication) => ({ ...recordWith([]), replication, metrics: { 'consensus.commit_latency_ms.p99': { unit: 'ms', value: p99 } } }));
  const judgedBy = (expectRule: string) => summarizePoint({ parameters: {}, scenario: { expect: { 'consensus.commit_latency_ms.p99': '<= 185' }, expectRule } as unknown as Scenario }, records).expectations[0]!;

  it('passes on the mean, saying that 2 of 5 replications break the bound and giving the interval', () => {
    expect(judgedBy('mean')).toMatchObject({ rule: 'mean', passed: true, failedReplications: 2, n: 5 });
    expect(judgedBy('mean').ci95![1]).toBeGreaterThan(185);
  });

  it('fails on the interval and on every replication, and the run with it', () => {
    for (const rule of ['interval', 'every']) {
      const expectation = judgedBy(rule);
      expect(expectation).toMatchObject({ rule, passed: false, failedReplications: 2, n: 5 });
      const point = summarizePoint({ parameters: {}, scenario: { expect: { 'consensus.commit_latency_ms.p99': '<= 185' }, expectRule: rule } as unknown as Scenario }, records);
      expect(summaryPassed({ scenario: 't', status: 'complete', failures: [], points: [point] })).toBe(false);
    }
  });
});

describe('buildSummary', () => {
  it('lists failed replications in (point, replication) order, as the unsharded run does, whatever order shards give them', () => {
    const failure = (point: number, replication: number) => ({ point, replication, seed: replication, error: 'toy model failure' });
    const summary = buildSummary('t', 'failed', [], [], [failure(1, 0), failure(0, 2), failure(0, 1)]);
    expect(summary.failures.map((f) => [f.point, f.replication])).toEqual([[0, 1], [0, 2], [1, 0]]);
  });
});
