import { describe, expect, it } from 'vitest';
import type { PointSummary } from '../runner/index.ts';
import type { Summary } from '../runner/index.ts';
import { formatDryRun, formatFailedVerdicts, formatPoint, formatSize, formatSummary } from './print.ts';

const point = (checks: PointSummary['checks']): PointSummary => ({ parameters: {}, n: 1, metrics: {}, checks, expectations: [], traceHashes: ['0'] });
/** What judgeReplications adds to an expectation of one replication judged on the mean. */
const oneOnMean = (passed: boolean) => ({ rule: 'mean' as const, ci95: null, failedReplications: passed ? 0 : 1, n: 1 });
const liveness = { name: 'liveness', passed: true, failedReplications: 0, n: 1, detail: '', violationsMetric: 'liveness.violations' };

describe('formatPoint', () => {
  it('prints a pass that could not have failed as such, and a plain pass plainly', () => {
    const reason = 'the run, 12 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)';
    expect(formatPoint(point([{ ...liveness, detail: `could not fail: ${reason}`, couldNotFail: reason }]), false)).toContain(`  check liveness: passed, but could not fail: ${reason}`);
    expect(formatPoint(point([liveness]), false)).toContain('  check liveness: passed');
  });

  it('prints why an expectation could not fail beside what it observed', () => {
    const reason = 'the run, 12 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)';
    const withExpectation = { ...point([]), expectations: [{ metric: 'liveness.violations', condition: '== 0', observed: 0, passed: true, couldNotFail: reason, ...oneOnMean(true) }] };
    expect(formatPoint(withExpectation, false)).toContain(`  expect liveness.violations == 0: passed on the mean (observed 0, no 95 % CI from 1 replication, 0 of 1 replications break it; its check could not fail: ${reason})`);
  });

  it('prints what an expectation observed on its side of the bound, however close', () => {
    const failing = { ...point([]), expectations: [{ metric: 'consensus.commit_latency_ms.mean', condition: '>= 71.3216', observed: 71.3215798, passed: false, ...oneOnMean(false) }] };
    expect(formatPoint(failing, false)).toContain('  expect consensus.commit_latency_ms.mean >= 71.3216: FAILED on the mean (observed 71.32158, no 95 % CI from 1 replication, 1 of 1 replications break it)');
  });

  it('prints, beside the mean of the others, in how many replications an expectation\'s metric was undefined', () => {
    const partial = { ...point([]), n: 3, expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 250', rule: 'mean' as const, observed: 125, ci95: [60.47, 189.5] as const, failedReplications: 1, n: 3, passed: false, undefinedIn: { replications: 1, of: 3 } }] };
    expect(formatPoint(partial, false)).toContain('  expect consensus.commit_latency_ms.p99 <= 250: FAILED on the mean (observed 125 where defined, undefined in 1 of 3 replications, 95 % CI [60.47, 189.5], 1 of 3 replications break it)');
  });

  it("prints beside an expectation that passed on the mean its interval and how many replications break it, and the rule that judged it", () => {
    const p99 = { metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: 181.08, ci95: [166.316, 195.884] as const, failedReplications: 2, n: 5 };
    expect(formatPoint({ ...point([]), n: 5, expectations: [{ ...p99, rule: 'mean', passed: true }] }, false)).toContain(
      '  expect consensus.commit_latency_ms.p99 <= 185: passed on the mean (observed 181.08, 95 % CI [166.316, 195.884], 2 of 5 replications break it)',
    );
    expect(formatPoint({ ...point([]), n: 5, expectations: [{ ...p99, rule: 'interval', passed: false }] }, false).join('\n')).toContain('  expect consensus.commit_latency_ms.p99 <= 185: FAILED on the 95 % CI (');
    expect(formatPoint({ ...point([]), n: 5, expectations: [{ ...p99, rule: 'every', passed: false }] }, false).join('\n')).toContain('  expect consensus.commit_latency_ms.p99 <= 185: FAILED replication by replication (');
  });

  it("prints an interval's end on its side of the bound, however close (185.00049 is past 185.0004, so not 185)", () => {
    const close = { metric: 'consensus.commit_latency_ms.p99', condition: '<= 185.0004', rule: 'interval' as const, observed: 181.08, ci95: [166.316, 185.00049] as const, failedReplications: 1, n: 5, passed: false };
    expect(formatPoint({ ...point([]), n: 5, expectations: [close] }, false).join('\n')).toContain('95 % CI [166.316, 185.0005]');
  });

  it('prints a count\'s interval clamped at zero, as the report does', () => {
    const metrics = { 'iomt.access_denied': { unit: 'count', mean: 2.66667, ci95: [-1.12792, 6.46125] as const, n: 3, sd: 1.5, min: 1, max: 4 } };
    expect(formatPoint({ ...point([]), n: 3, metrics }, true)).toContain('  iomt.access_denied  2.66667 count  95% CI [0, 6.46125]');
  });

  it('prints replications that all gave one value, and a single replication, by the report\'s rule, not as a zero-width interval', () => {
    const alike = { 'consensus.commit_latency_ms.p50': { unit: 'ms', mean: 5018, ci95: [5018, 5018] as const, n: 3, sd: 0, min: 5018, max: 5018 } };
    expect(formatPoint({ ...point([]), n: 3, metrics: alike }, true)).toContain('  consensus.commit_latency_ms.p50  5018 ms  (no spread over n=3)');
    const single = { 'consensus.commit_latency_ms.p50': { unit: 'ms', mean: 5018, ci95: [5018, 5018] as const, n: 1, sd: 0, min: 5018, max: 5018 } };
    expect(formatPoint({ ...point([]), n: 1, metrics: single }, true)).toContain('  consensus.commit_latency_ms.p50  5018 ms  (n=1)');
  });

  it('says, as the report does, when a metric has values from fewer replications than the point ran', () => {
    // Three replications ran; one committed nothing, so its p99 is undefined and the mean is over two.
    const metrics = { 'consensus.commit_latency_ms.p99': { unit: 'ms', mean: 687.7, ci95: [0, 6460] as const, n: 2, sd: 642.5, min: 233, max: 1142 } };
    expect(formatPoint({ ...point([]), n: 3, metrics }, true)).toContain('  consensus.commit_latency_ms.p99  687.7 ms  95% CI [0, 6460]  (n=2 of 3)');
  });
});

describe('formatFailedVerdicts', () => {
  const summaryOf = (points: PointSummary[]): Summary => ({ points, failures: [] }) as unknown as Summary;
  const safety = { name: 'safety', passed: false, failedReplications: 1, n: 1, detail: '2 heights with conflicting commits', violationsMetric: 'safety.violations' };
  const failedExpectation = { metric: 'iomt.replayed_arrived', condition: '> 0', observed: null, passed: false, ...oneOnMean(false) };

  it('lists, point by point, the checks and expectations that make the run fail, and nothing for a point that passed', () => {
    const failing = { ...point([safety, liveness]), parameters: { 'iomt.bedsPerWard': 2 }, expectations: [failedExpectation] };
    expect(formatFailedVerdicts(summaryOf([point([liveness]), failing]))).toBe(
      'FAILED at iomt.bedsPerWard=2 (n=1):\n' +
        '  check safety: FAILED in 1 of 1 (2 heights with conflicting commits)\n' +
        '  expect iomt.replayed_arrived > 0: FAILED on the mean (observed nothing: metric not produced, 1 of 1 replications break it)\n',
    );
  });

  it('leaves out a failed check that an expectation judges instead (the attack meant it to fail)', () => {
    const judged = { ...point([safety]), expectations: [{ metric: 'safety.violations', condition: '> 0', observed: 2, passed: true, ...oneOnMean(true) }] };
    expect(formatFailedVerdicts(summaryOf([judged]))).toBe('');
  });
});

describe('formatSummary', () => {
  it("lists a sweep's points over a duration in order of value, as the report does, not in --vary order", () => {
    const points = ['200ms', '50ms', '1s'].map((timeout) => ({ ...point([liveness]), parameters: { 'consensus.batchTimeout': timeout } }));
    const text = formatSummary({ scenario: 'default', status: 'complete', points, failures: [] } as unknown as Summary, 'results/x', { allMetrics: false, headline: '' });
    const order = [...text.matchAll(/^consensus\.batchTimeout=(\S+) /gm)].map((m) => m[1]);
    expect(order).toEqual(['50ms', '200ms', '1s']);
  });
});

describe('formatSize', () => {
  it('says why a probe whose mean meets the bound missed: the metric is undefined in some replications', () => {
    const text = formatSize({
      key: 'consensus.nodes', lo: 2, hi: 4, goal: 'largest', slos: ['toy.latency_ms.mean <= 1000000'], rule: 'mean', answer: null, explanation: 'no value meets every SLO',
      probes: [{ value: 2, point: 0, passed: false, slos: [{ slo: 'toy.latency_ms.mean <= 1000000', observed: 6.01, passed: false, undefinedIn: { replications: 1, of: 3 } }] }],
    });
    expect(text).toContain('probe consensus.nodes=2: misses (toy.latency_ms.mean <= 1000000: 6.01 where defined, undefined in 1 of 3 replications FAIL)');
  });
});

describe('formatSize, at the answer', () => {
  const slo = 'consensus.commit_latency_ms.p99 <= 500';
  // A size search at seed 2 (consortium.yaml on 1 Mbps links), its probes either side of the answer (138 meets on its mean, 139 does not).
  const probe = (value: number, passed: boolean, observed: number, ci95: readonly [number, number], failedReplications: number) => ({ value, point: 0, passed, slos: [{ slo, rule: 'mean' as const, observed, ci95, failedReplications, n: 3, passed }] });
  const size = {
    key: 'workload.rateTps', lo: 50, hi: 400, goal: 'largest' as const, slos: [slo], rule: 'mean' as const, answer: 138, explanation: '138 meets every SLO and 139 does not',
    probes: [probe(100, true, 231.059, [195.805, 266.313], 0), probe(140, false, 544.802, [371.458, 718.145], 2), probe(138, true, 497.573, [301.888, 693.259], 2), probe(139, false, 522.825, [334.761, 710.889], 2)],
  };

  it('prints the interval and the replications that broke each SLO at the answer and at the first value that failed', () => {
    const text = formatSize(size);
    expect(text).toContain('  at workload.rateTps=138: consensus.commit_latency_ms.p99 <= 500: 497.573 ok, 95 % CI [301.888, 693.259], 2 of 3 replications break it\n');
    expect(text).toContain('  at workload.rateTps=139: consensus.commit_latency_ms.p99 <= 500: 522.825 FAIL, 95 % CI [334.761, 710.889], 2 of 3 replications break it\n');
    expect(text).not.toContain('at workload.rateTps=140');
  });

  it('says that an answer whose interval reaches past the bound met it on the mean alone, and how to ask for a conservative one', () => {
    expect(formatSize(size)).toContain('  judged on the mean: at 138 the 95 % CI of consensus.commit_latency_ms.p99 reaches past 500, so the true mean there may miss its SLO; --set expectRule=interval');
    const narrow = { ...size, probes: size.probes.map((p) => (p.value === 138 ? probe(138, true, 450, [430, 470], 0) : p)) };
    expect(formatSize(narrow)).not.toContain('judged on the mean:');
    expect(formatSize({ ...size, rule: 'interval' })).not.toContain('judged on the mean:');
  });
});

describe('formatDryRun', () => {
  it('prints the simulated time and warm-up in seconds, from microseconds', () => {
    const dry = { kind: 'run' as const, points: [{}], replicationSeeds: [1, 2], tasks: 2, workers: 1, threads: 1, durationsUs: [60_000_000], warmupsUs: [5_000_000] };
    expect(formatDryRun('s.yaml', dry)).toContain('  each 60 s simulated (warm-up 5 s); seeds 1, 2');
  });
});
