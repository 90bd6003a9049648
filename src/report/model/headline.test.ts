import { describe, expect, it } from 'vitest';
import type { CheckSummary, ExpectationOutcome, MetricSummary } from '../results/types.ts';
import { headlineSections } from './headline.ts';
import type { Configuration } from './report-input.ts';

function summary(mean: number, unit: string, ci: [number, number] | null = null, n = ci === null ? 1 : 3): MetricSummary {
  return { unit, mean, ci95: ci, n };
}

function configuration(
  metrics: Record<string, MetricSummary>,
  options: { checks?: CheckSummary[]; expectations?: ExpectationOutcome[]; scenario?: Record<string, unknown>; label?: string } = {},
): Configuration {
  return {
    label: options.label ?? 'run',
    run: '',
    pointIndex: 0,
    // As many replications as its metrics have values from: every replication gave each metric.
    point: { parameters: {}, n: Math.max(1, ...Object.values(metrics).map((m) => m.n)), metrics, checks: options.checks ?? [], expectations: options.expectations ?? [], traceHashes: [] },
    parameters: {},
    timeseries: null,
    scenario: options.scenario ?? {},
  };
}

function line(sections: ReturnType<typeof headlineSections>, topic: string) {
  return sections.flatMap((s) => s.lines).find((l) => l.topic === topic);
}

describe('the report headline', () => {
  it('judges throughput by the scenario expectation on it and prints the mean with its interval', () => {
    const c = configuration(
      { 'consensus.throughput_tps': summary(99.8, 'tx/s', [98.1, 101.5]) },
      { expectations: [{ metric: 'consensus.throughput_tps', condition: '>= 120', observed: 99.8, passed: false }] },
    );
    const throughput = line(headlineSections([c]), 'Throughput');
    expect(throughput?.verdict).toBe('fail');
    expect(throughput?.basis).toBe('expect: consensus.throughput_tps >= 120: 99.8');
    expect(throughput?.text).toContain('99.8 [98.1, 101.5] tx/s');
  });

  it('says a mean over replications that all gave one value has no spread, and marks a single replication n=1', () => {
    const alike = configuration({ 'iomt.durable_latency_ms.p99': { unit: 'ms', mean: 5018, ci95: [5018, 5018], n: 3, sd: 0, min: 5018, max: 5018 } });
    expect(line(headlineSections([alike]), 'Readings stored p99')?.text).toContain('5,018 ms (no spread over n=3)');
    const single = configuration({ 'iomt.durable_latency_ms.p99': summary(5018, 'ms') });
    expect(line(headlineSections([single]), 'Readings stored p99')?.text).toContain('5,018 ms (n=1)');
  });

  it('calls a latency percentile the mean of per-run percentiles over its replications, never a share of all transactions', () => {
    const c = configuration({ 'consensus.commit_latency_ms.p99': summary(183.7, 'ms', [169.8, 197.7], 3), 'iomt.alert_latency_ms.p95': summary(21780, 'ms', [20000, 23000], 3) });
    const sections = headlineSections([c]);
    expect(line(sections, 'Commit latency')?.text).toBe('Per-run 99th percentile of the time from submission to commit, over the transactions committed, averaged over 3 replications: 183.7 [169.8, 197.7] ms.');
    expect(line(sections, 'Direct path p95')?.text).toMatch(/^Per-run 95th percentile of the time from an episode's onset to its alert at the care team .*, averaged over 3 replications: 21,780 \[/);
    const texts = sections.flatMap((s) => s.lines).map((l) => l.text);
    expect(texts.filter((t) => /\b(99|95) % of\b/.test(t))).toEqual([]);
  });

  it('says over how many replications per configuration a percentile is averaged where configurations differ', () => {
    const a = configuration({ 'consensus.commit_latency_ms.p99': summary(180, 'ms', [170, 190], 2) }, { label: 'A' });
    const b = configuration({ 'consensus.commit_latency_ms.p99': summary(190, 'ms', [180, 200], 5) }, { label: 'B' });
    expect(line(headlineSections([a, b]), 'Commit latency')?.text).toMatch(/, averaged over 2 to 5 replications per configuration: A: 180 \[170, 190\] ms; B: 190 /);
  });

  it('names the expectation that failed a line, with what it observed, when it is on another statistic than the sentence quotes', () => {
    const c = configuration(
      { 'consensus.commit_latency_ms.p99': summary(56.13, 'ms'), 'consensus.commit_latency_ms.mean': summary(41.2, 'ms') },
      {
        expectations: [
          { metric: 'consensus.commit_latency_ms.mean', condition: '<= 30', observed: 41.2, passed: false },
          { metric: 'consensus.commit_latency_ms.p99', condition: '<= 80', observed: 56.13, passed: true },
        ],
      },
    );
    expect(line(headlineSections([c]), 'Commit latency')).toMatchObject({ verdict: 'fail', basis: 'expect: consensus.commit_latency_ms.mean <= 30: 41.2' });
  });

  it('states how many readings, requests and episodes completed before the latency their percentile sentence quotes for those that did', () => {
    const c = configuration({
      'iomt.readings_durable_ratio': summary(0.657, 'ratio'),
      'iomt.durable_latency_ms.p99': summary(5018, 'ms'),
      'iomt.access_decided_ratio': summary(0.8, 'ratio'),
      'iomt.episodes_alerted_onchain_ratio': summary(0.25, 'ratio'),
      'iomt.alert_within_target_onchain_ratio': summary(0.25, 'ratio'),
    });
    const sections = headlineSections([c]);
    expect(line(sections, 'Readings stored')?.text).toBe('65.7 % (n=1) of the readings gateways accepted were durable off chain by the end of the run.');
    expect(line(sections, 'Readings stored p99')?.text).toBe('The 99th percentile of the time from sampling to durable off chain, over the readings made durable, in one replication: 5,018 ms (n=1).');
    expect(line(sections, 'Access decisions')?.text).toBe('80 % (n=1) of the access requests submitted were decided by the end of the run.');
    expect(line(sections, 'Episodes recorded')?.text).toBe('Clinical episodes whose alert the care team knew to be recorded on chain by the end of the run: 25 % (n=1).');
    // Every episode must be alerted within target for the line to pass: three of four never were.
    expect(line(sections, 'On-chain path')).toMatchObject({ verdict: 'miss' });
  });

  it("says what the ledger's safety and validity counts count in the metric catalog's words, a transaction committed twice included", () => {
    const c = configuration(
      { 'safety.violations': summary(1, 'count'), 'validity.violations': summary(2, 'count') },
      { checks: [{ name: 'safety', passed: false, failedReplications: 1, n: 1, detail: '' }, { name: 'validity', passed: false, failedReplications: 1, n: 1, detail: '' }] },
    );
    const sections = headlineSections([c]);
    expect(line(sections, 'Ledger safety')?.text).toBe('1 (n=1) heights at which two honest replicas committed different blocks.');
    expect(line(sections, 'Validity')?.text).toBe('2 (n=1) committed transactions never submitted, altered, or committed at two heights.');
  });

  it('judges a latency line by an expectation on any statistic of its family, the mean and max included', () => {
    const c = configuration(
      { 'iomt.anchor_latency_ms.p99': summary(5514, 'ms'), 'iomt.anchor_latency_ms.mean': summary(3017.44, 'ms'), 'iomt.alert_latency_ms.p95': summary(21780, 'ms') },
      {
        expectations: [
          { metric: 'iomt.anchor_latency_ms.mean', condition: '<= 1', observed: 3017.44, passed: false },
          { metric: 'iomt.alert_latency_ms.max', condition: '<= 1', observed: 30000, passed: false },
        ],
      },
    );
    const sections = headlineSections([c]);
    expect(line(sections, 'Readings anchored p99')).toMatchObject({ verdict: 'fail', basis: 'expect: iomt.anchor_latency_ms.mean <= 1: 3,017' });
    expect(line(sections, 'Direct path p95')).toMatchObject({ verdict: 'fail', basis: 'expect: iomt.alert_latency_ms.max <= 1: 30,000' });
  });

  it('prints what an expectation observed on its side of the bound, however close', () => {
    const c = configuration({ 'consensus.throughput_tps': summary(231.25, 'tx/s') }, { expectations: [{ metric: 'consensus.throughput_tps', condition: '>= 231.3', observed: 231.25, passed: false }] });
    expect(line(headlineSections([c]), 'Throughput')?.basis).toBe('expect: consensus.throughput_tps >= 231.3: 231.25');
  });

  it("prints the sentence's mean on the side of the bound of an expectation on its own metric, a ratio's in per cent too", () => {
    const ratio = configuration(
      { 'iomt.readings_durable_ratio': summary(0.923388, 'ratio', [0.922, 0.9248]) },
      { expectations: [{ metric: 'iomt.readings_durable_ratio', condition: '>= 0.92339', observed: 0.923388, passed: false }] },
    );
    expect(line(headlineSections([ratio]), 'Readings stored')).toMatchObject({ verdict: 'fail', text: expect.stringMatching(/^92\.3388 \[92\.2, 92\.48\] % of the readings/) });
    // A mean equal to its bound reads as the bound, however the per-cent product rounds.
    const equal = configuration({ 'iomt.readings_durable_ratio': summary(0.92339, 'ratio', [0.922, 0.9248]) }, { expectations: [{ metric: 'iomt.readings_durable_ratio', condition: '>= 0.92339', observed: 0.92339, passed: true }] });
    expect(line(headlineSections([equal]), 'Readings stored')?.text).toMatch(/^92\.339 \[/);
    // A mean one double below its bound, whose per-cent product rounded to 15 digits is the bound's:
    // the sentence still reads below it.
    const below = configuration({ 'iomt.readings_durable_ratio': summary(0.9233899999999998, 'ratio', [0.922, 0.9248]) }, { expectations: [{ metric: 'iomt.readings_durable_ratio', condition: '>= 0.92339', observed: 0.9233899999999998, passed: false }] });
    const belowText = line(headlineSections([below]), 'Readings stored')!.text;
    expect(Number(belowText.split(' ')[0])).toBeLessThan(92.339);
    // One whose exact per-cent product is its bound's (100 × 0.09999999999999999 is 10).
    const tenth = configuration({ 'iomt.readings_durable_ratio': summary(0.09999999999999999, 'ratio', [0.09, 0.11]) }, { expectations: [{ metric: 'iomt.readings_durable_ratio', condition: '>= 0.1', observed: 0.09999999999999999, passed: false }] });
    expect(line(headlineSections([tenth]), 'Readings stored')!.text).toMatch(/^9\.999999999999999 \[9, 11\] %/);
    // Two expectations on it: the mean reads on its side of both.
    const two = configuration(
      { 'consensus.throughput_tps': summary(231.25, 'tx/s', [230, 232.5]) },
      { expectations: [{ metric: 'consensus.throughput_tps', condition: '>= 200', observed: 231.25, passed: true }, { metric: 'consensus.throughput_tps', condition: '<= 231.3', observed: 231.25, passed: true }] },
    );
    expect(line(headlineSections([two]), 'Throughput')?.text).toContain('231.25 [230, 232.5] tx/s');
    // No expectation on the line's own metric: four significant digits as elsewhere.
    expect(line(headlineSections([configuration({ 'consensus.throughput_tps': summary(231.25, 'tx/s', [230, 232.5]) })]), 'Throughput')?.text).toContain('231.3 [230, 232.5] tx/s');
  });

  it('says how many readings never reached a gateway, judged by an expectation on the count when the scenario states one', () => {
    const lost = { 'iomt.readings_lost': summary(56, 'count') };
    expect(line(headlineSections([configuration(lost)]), 'Readings lost')).toMatchObject({ verdict: 'none', text: "56 (n=1) readings sent to a gateway (attackers' included) never reached it (radio loss, partitions, a gateway down, full queues)." });
    const expected = configuration(lost, { expectations: [{ metric: 'iomt.readings_lost', condition: '== 0', observed: 56, passed: false }] });
    expect(line(headlineSections([expected]), 'Readings lost')?.verdict).toBe('fail');
    expect(line(headlineSections([configuration({})]), 'Readings lost')).toBeUndefined();
  });

  it('leaves throughput unjudged by an expectation on the offered load, which judges its own line', () => {
    const c = configuration(
      { 'consensus.throughput_tps': summary(194.8, 'tx/s'), 'consensus.offered_tps': summary(195, 'tx/s') },
      { expectations: [{ metric: 'consensus.offered_tps', condition: '>= 100', observed: 195, passed: true }] },
    );
    expect(line(headlineSections([c]), 'Throughput')?.verdict).toBe('none');
    expect(line(headlineSections([c]), 'Offered load')).toMatchObject({ verdict: 'pass', basis: 'expect: consensus.offered_tps >= 100: 195' });
  });

  it('says no target is stated when neither an expectation nor a check judges a line', () => {
    const c = configuration({ 'consensus.client_latency_ms.p99': summary(45, 'ms') });
    expect(line(headlineSections([c]), 'Client latency')?.verdict).toBe('none');
  });

  it('quotes the episodes an alert target verdict rests on, k of N with their exact binomial interval, pooled over replications', () => {
    const two = configuration({ 'iomt.alert_within_target_ratio': summary(1, 'ratio'), 'iomt.episodes_within_target': summary(2, 'count'), 'iomt.episodes': summary(2, 'count') });
    const direct = line(headlineSections([two]), 'Direct path');
    expect(direct?.verdict).toBe('pass');
    // Clopper–Pearson for 2 of 2: the lower bound is 0.025^(1/2) = 15.81 %.
    expect(direct?.text).toBe("Clinical episodes alerted straight to the care team within their rule's target (one never alerted is a miss): 100 % (n=1), 2 of 2 episodes (Clopper–Pearson 95 % interval 15.81–100 %).");
    const three = { unit: 'count', ci95: null, n: 3 };
    const pooled = configuration({ 'iomt.alert_within_target_onchain_ratio': summary(0.9167, 'ratio', [0.8, 1]), 'iomt.episodes_within_target_onchain': { ...three, mean: 11 / 3 }, 'iomt.episodes': { ...three, mean: 4 } });
    expect(line(headlineSections([pooled]), 'On-chain path')?.text).toContain(', 11 of 12 episodes over 3 replications (Clopper–Pearson 95 % interval 61.52–99.79 %).');
  });

  it('quotes the episodes alerted and recorded at all as k of N too, with their exact binomial interval', () => {
    const c = configuration({
      'iomt.episodes_alerted_ratio': summary(0.75, 'ratio'),
      'iomt.episodes_alerted': summary(3, 'count'),
      'iomt.episodes_alerted_onchain_ratio': summary(0.5, 'ratio'),
      'iomt.episodes_alerted_onchain': summary(2, 'count'),
      'iomt.episodes': summary(4, 'count'),
    });
    // Clopper–Pearson for 3 of 4: [0.19412, 0.99369]; for 2 of 4: [0.06759, 0.93241].
    expect(line(headlineSections([c]), 'Episodes alerted')?.text).toBe('Clinical episodes that raised an alert, however late: 75 % (n=1), 3 of 4 episodes (Clopper–Pearson 95 % interval 19.41–99.37 %).');
    expect(line(headlineSections([c]), 'Episodes recorded')?.text).toContain(', 2 of 4 episodes (Clopper–Pearson 95 % interval 6.759–93.24 %).');
  });

  it('judges no alert target where no episode was scored, rather than passing it', () => {
    const none = configuration({ 'iomt.alert_within_target_ratio': { unit: 'ratio', mean: null, ci95: null, n: 0 }, 'iomt.episodes_within_target': summary(0, 'count'), 'iomt.episodes': summary(0, 'count') });
    const direct = line(headlineSections([none]), 'Direct path');
    expect(direct).toMatchObject({ verdict: 'unjudged', basis: expect.stringContaining('no clinical episode was scored') });
    expect(direct?.text).toContain('0 of 0 episodes');
  });

  it("says the alert line misses its rule's target when any alert did, passes it when none did, and fails it only by an expectation", () => {
    const missed = configuration({ 'iomt.alert_within_target_ratio': summary(0.97, 'ratio', [0.95, 0.99]) });
    const met = configuration({ 'iomt.alert_within_target_ratio': summary(1, 'ratio') });
    // A rule's target is no expectation of the scenario: the run passes, and the line must not read FAIL.
    expect(line(headlineSections([missed]), 'Direct path')).toMatchObject({ verdict: 'miss', basis: expect.stringContaining('expect: iomt.alert_within_target_ratio: == 1 makes it one') });
    expect(line(headlineSections([met]), 'Direct path')?.verdict).toBe('pass');
    const expected = configuration({ 'iomt.alert_within_target_ratio': summary(0.97, 'ratio', [0.95, 0.99]) }, { expectations: [{ metric: 'iomt.alert_within_target_ratio', condition: '== 1', observed: 0.97, passed: false }] });
    expect(line(headlineSections([expected]), 'Direct path')?.verdict).toBe('fail');
  });

  it('takes a trust property verdict from its run check', () => {
    const c = configuration(
      { 'iomt.integrity_checks_invalid': summary(4, 'count') },
      { checks: [{ name: 'iomt.integrity', passed: false, failedReplications: 3, n: 3 }] },
    );
    const integrity = line(headlineSections([c]), 'Integrity');
    expect(integrity?.verdict).toBe('fail');
    expect(integrity?.basis).toBe('check iomt.integrity');
  });

  it('gives no verdict on a trust property whose check could not fail in any configuration, even where an expectation on it passed', () => {
    const reason = 'the run, 12 s, is no longer than the liveness bound, 30 s (consensus.livenessBound)';
    const vacuous = { name: 'liveness', passed: true, detail: `could not fail: ${reason}`, couldNotFail: reason };
    const expectation = { metric: 'liveness.violations', condition: '== 0', observed: 0, passed: true };
    const c = configuration({ 'liveness.violations': summary(0, 'count') }, { checks: [vacuous], expectations: [expectation] });
    expect(line(headlineSections([c]), 'Ledger liveness')).toMatchObject({ verdict: 'unjudged', basis: `could not fail: ${reason}` });
    const judged = configuration({ 'liveness.violations': summary(0, 'count') }, { checks: [{ name: 'liveness', passed: true }], expectations: [expectation], label: 'long' });
    expect(line(headlineSections([c, judged]), 'Ledger liveness')).toMatchObject({ verdict: 'pass', basis: 'expect: liveness.violations == 0: run: 0, long: 0' });
  });

  it("lists the outcomes an attack's definition names for each attack the scenario declares", () => {
    const c = configuration(
      { 'attack.records_tampered': summary(12, 'records'), 'attack.flood_accepted': summary(3, 'readings') },
      { scenario: { attacks: [{ type: 'record-tamper' }] } },
    );
    const attacks = headlineSections([c]).find((s) => s.id === 'attacks');
    expect(attacks?.lines.map((l) => l.text)).toEqual([expect.stringContaining('`attack.records_tampered`')]);
  });

  it('lists liveness violations under leader-delay, which leaves Raft leaderless at a delay from its election timeout', () => {
    const c = configuration({ 'liveness.violations': summary(1, 'count'), 'attack.max_commit_gap_ms': summary(55_000, 'ms') }, { scenario: { attacks: [{ type: 'leader-delay' }] } });
    const attacks = headlineSections([c]).find((s) => s.id === 'attacks');
    expect(attacks?.lines.map((l) => [l.topic, l.text])).toContainEqual(['leader-delay', expect.stringContaining('`liveness.violations`')]);
  });

  it('lists each detector by its detection and false-positive rates', () => {
    const c = configuration({ 'detect.cusum.detection_rate': summary(0.9, 'ratio'), 'detect.cusum.false_positive_rate': summary(0.01, 'ratio') });
    const attacks = headlineSections([c]).find((s) => s.id === 'attacks');
    expect(attacks?.lines.map((l) => l.topic)).toEqual(['detector cusum', 'detector cusum']);
  });

  it('leaves out a question the results hold nothing for', () => {
    const c = configuration({ 'consensus.throughput_tps': summary(100, 'tx/s') });
    expect(headlineSections([c]).map((s) => s.id)).toEqual(['capacity']);
  });

  it('prints one value per configuration when a sweep has several', () => {
    const a = configuration({ 'consensus.throughput_tps': summary(100, 'tx/s') }, { label: 'nodes=4' });
    const b = configuration({ 'consensus.throughput_tps': summary(80, 'tx/s') }, { label: 'nodes=7' });
    expect(line(headlineSections([a, b]), 'Throughput')?.text).toContain('nodes=4: 100 tx/s (n=1); nodes=7: 80 tx/s (n=1)');
  });
});

describe('the report headline in per cent', () => {
  it('prints a ratio in per cent with its interval clamped to [0, 100]', () => {
    const c = configuration({ 'iomt.audit_completeness_ratio': summary(0.98, 'ratio', [0.95, 1.01]) });
    expect(line(headlineSections([c]), 'Audit')?.text).toContain('98 [95, 100] %');
  });
});

describe('the report headline counts replications', () => {
  it('says a latency line has values from fewer replications than its configuration ran, as the tables do', () => {
    // Three replications ran (throughput from all three); one committed nothing, so its p99 is undefined.
    const c = configuration({ 'consensus.throughput_tps': summary(50, 'tx/s', [40, 60], 3), 'consensus.commit_latency_ms.p99': summary(687.7, 'ms', [0, 6460], 2) });
    expect(line(headlineSections([c]), 'Commit latency')?.text).toContain('687.7 [0, 6,460] ms (n=2 of 3)');
  });
});

describe("the alert line's rule target", () => {
  it('misses the target at a within-target ratio a hair below 1 (one episode in 200 late)', () => {
    const nearly = configuration({ 'iomt.alert_within_target_ratio': summary(0.995, 'ratio', [0.99, 1]) });
    expect(line(headlineSections([nearly]), 'Direct path')?.verdict).toBe('miss');
  });
});

describe("the alert line's value beside its rule target", () => {
  it('prints a within-target ratio short of 1 below 100 %, never rounded onto the target it missed', () => {
    const nearly = configuration({ 'iomt.alert_within_target_ratio': { unit: 'ratio', mean: 0.99996, ci95: [0.99988, 1], n: 3, sd: 0.00003, min: 0.99992, max: 1 } });
    const direct = line(headlineSections([nearly]), 'Direct path');
    expect(direct?.verdict).toBe('miss');
    expect(direct?.text).toContain(': 99.996 [99.99, 100] %');
    const met = configuration({ 'iomt.alert_within_target_ratio': summary(1, 'ratio', [1, 1]) });
    expect(line(headlineSections([met]), 'Direct path')?.text).toContain(': 100 %');
  });
});
