import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeRunFixture, writeSweepFixture } from '../fixtures/results-fixture.ts';
import { tempResultsDir } from '../fixtures/temp-dir.ts';
import { InputError } from '../../scenario/errors.ts';
import { compareCommand } from '../index.ts';
import { loadResults } from '../results/load.ts';
import { compareResults } from './compare.ts';
import { compareHtml, compareMarkdown, compareText } from './compare-page.ts';
import { configurationsOf, type ReportInput } from '../model/report-input.ts';
import type { ResultsFolder, SummaryPoint } from '../results/types.ts';

interface InMemoryRun {
  /** `values[k]`: the metric in replication k (null: not produced there). */
  readonly values: readonly (number | null)[];
  /** Replication k's seed; 1, 2, 3, … unless given. */
  readonly seeds?: readonly number[];
  readonly metric?: string;
  readonly checks?: SummaryPoint['checks'];
  readonly expectations?: SummaryPoint['expectations'];
}

/**
 * A results folder in memory: one point, one metric (consensus.commit_latency_ms.p50, lower is
 * better, unless given), its summary mean over the values present.
 */
function inMemory(run: InMemoryRun): ResultsFolder {
  const { values, metric = 'consensus.commit_latency_ms.p50' } = run;
  const seeds = run.seeds ?? values.map((_, k) => k + 1);
  const present = values.filter((v): v is number => v !== null);
  const mean = present.length === 0 ? null : present.reduce((x, y) => x + y, 0) / present.length;
  return {
    dir: '/in-memory',
    manifest: { kind: 'run', status: 'complete', scenario: {}, replications: values.length, replicationSeeds: seeds },
    summary: {
      scenario: 's',
      status: 'complete',
      failures: [],
      points: [{ parameters: {}, n: values.length, checks: run.checks ?? [], expectations: run.expectations ?? [], traceHashes: [], metrics: { [metric]: { unit: 'ms', mean, n: present.length } } }],
    },
    replications: values.map((value, k) => ({ point: 0, replication: k, seed: seeds[k], metrics: { [metric]: { unit: 'ms', value } } })),
    hasReplicationsFile: true,
    timeseries: null,
  } as unknown as ResultsFolder;
}

/** inMemory with several metrics (unit ms), `values[metric][k]` in the replication of seed k + 1. */
function withMetrics(values: Readonly<Record<string, readonly (number | null)[]>>): ResultsFolder {
  const metrics = Object.entries(values);
  const folder = inMemory({ values: metrics[0]![1], metric: metrics[0]![0] });
  const point = folder.summary.points[0]!;
  const summaryOf = (v: readonly (number | null)[]) => {
    const present = v.filter((x): x is number => x !== null);
    return { unit: 'ms', mean: present.reduce((x, y) => x + y, 0) / present.length, n: present.length };
  };
  return {
    ...folder,
    summary: { ...folder.summary, points: [{ ...point, metrics: Object.fromEntries(metrics.map(([name, v]) => [name, summaryOf(v)])) }] },
    replications: folder.replications.map((r, k) => ({ ...r, metrics: Object.fromEntries(metrics.map(([name, v]) => [name, { unit: 'ms', value: v[k] }])) })),
  } as unknown as ResultsFolder;
}

/** inMemory with `values[k]` in the replication of seed k + firstSeed. */
function folderOf(values: readonly (number | null)[], firstSeed = 1): ResultsFolder {
  return inMemory({ values, seeds: values.map((_, k) => k + firstSeed) });
}

function run(overrides: Parameters<typeof writeRunFixture>[1]): string {
  const dir = tempResultsDir('cmp');
  writeRunFixture(dir, { durationS: 3, ...overrides });
  return dir;
}

/** Each entry of `dir` with its content ('a directory' for one). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true }).map(String).sort().map((name) => {
    const path = join(dir, name);
    return [name, statSync(path).isDirectory() ? 'a directory' : readFileSync(path).toString('base64')];
  }));
}

/** Runs `body` with stdout and stderr captured. */
async function captured<T>(body: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { value: await body(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * Replications enough for a change in every pair to pass Holm's correction over the fixture's
 * metrics: the sign-flip test's smallest p is 2^(1−n), 0.00049 at 12 pairs (at the fixture's 5,
 * 0.0625, nothing could be significant).
 */
const GATE_REPLICATIONS = 12;

/** Same noise stream (fixture seed 1), B 2 % slower: a small change the paired test finds. */
const SLIGHTLY_SLOWER = { seed: 1, replications: GATE_REPLICATIONS, points: [{ parameters: {}, load: 1.02 }] };

describe('compare: what is stated is what is tested', () => {
  it('states the paired means and difference over the replications both sides produced the metric in', () => {
    // Seed 2 has no value in A; over all values B - A is +40, over the pairs tested it is -10.
    const c = compareResults(folderOf([100, null, 110, 120]), folderOf([90, 300, 101, 109]));
    const d = c.differences[0]!;
    expect([d.nA, d.nB, d.meanA, d.meanB, d.delta]).toEqual([3, 3, 110, 100, -10]);
  });

  it("states the means of summary.json and the tests (src/stats): 0.7 in every replication has mean 0.7, not a naive sum's 0.6999999999999998", () => {
    const d = compareResults(folderOf([0.7, 0.7, 0.7]), folderOf([0.8, 0.9, 1])).differences[0]!;
    expect(d.meanA).toBe(0.7);
  });

  it('lists a metric only one side produced as not compared, rather than leaving it out silently', () => {
    const c = compareResults(folderOf([null, null, null]), folderOf([50, 60, 55]));
    expect(c.differences).toEqual([]);
    expect(c.uncompared).toEqual(['s: consensus.commit_latency_ms.p50 (only in B)']);
  });

  it("calls a metric a side produced fewer than two values of untested, not 'not significant'", () => {
    const c = compareResults(folderOf([2000, null, null]), folderOf([50, 60, 55]));
    expect(c.differences[0]!.verdict).toBe('untested');
    expect(c.differences[0]!.pValue).toBeNull();
  });

  it('lists a metric both sides produced but never in the same replication as not compared (paired test)', () => {
    const c = compareResults(folderOf([100, 110, null, null]), folderOf([null, null, 90, 95]));
    expect(c.test).toBe('paired');
    expect(c.differences).toEqual([]);
    expect(c.uncompared).toEqual(['s: consensus.commit_latency_ms.p50 (never in the same replication of A and B)']);
  });

  it('lists a metric a side produced only in the replication the unpaired test leaves out as not compared, and docs/reports.md gives every reason', () => {
    // Seed 3 is the one both runs used: its replication is left out of B, the only one where B has the metric.
    const leftOut = compareResults(folderOf([100, 110, 120]), inMemory({ values: [90, null, null], seeds: [3, 4, 5] }));
    expect(leftOut.test).toBe('unpaired');
    expect(leftOut.uncompared).toEqual(['s: consensus.commit_latency_ms.p50 (in B only in the replication left out (its seed is in both runs))']);
    const reasons = [
      ...leftOut.uncompared,
      ...compareResults(folderOf([null, null, null]), folderOf([50, 60, 55])).uncompared,
      ...compareResults(folderOf([100, 110, null, null]), folderOf([null, null, 90, 95])).uncompared,
    ].map((u) => /^s: [^ ]+ \((.*)\)$/.exec(u)![1]!);
    const doc = readFileSync(new URL('../../../docs/reports.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    // The doc names A's form of a reason that reads the same for B.
    for (const reason of reasons) expect(doc, reason).toContain(`\`${reason.replace(/^in B /, 'in A ')}\``);
  });
});

describe('compare: the exact permutation test where its arrangements are few', () => {
  /** The difference as comparison.json and --json hold it. */
  const saved = (a: ResultsFolder, b: ResultsFolder) => JSON.parse(JSON.stringify(compareResults(a, b).differences[0]));
  const latency = (values: number[]) => inMemory({ metric: 'consensus.client_latency_ms.mean', values });

  it('does not call two replications whose paired differences tie significant: 2 of 4 sign patterns, p = 0.5', () => {
    // An integer metric, two replications: A 45, 47 and B 44, 46 differ by −1 in both.
    const c = compareResults(inMemory({ metric: 'mempool.occupancy_txs.max', values: [45, 47] }), inMemory({ metric: 'mempool.occupancy_txs.max', values: [44, 46] }));
    expect(c.differences[0]).toMatchObject({ test: 'paired', method: 'exact permutation', asExtreme: 2, arrangements: 4, t: null, df: null, pValue: 0.5, pAdjusted: 0.5, significant: false, verdict: 'not significant' });
  });

  it('does not fail on two paired differences that almost tie, which the t-test at 1 degree of freedom called worse', () => {
    // Raft, 20 s, 2 replications, batchSize 10 against 20: consensus.client_latency_ms.mean rose by
    // 0.25102 and 0.25129 ms; the paired t-test read p = 0.00035 and failed the gate.
    const c = compareResults(latency([100, 110]), latency([100.25102, 110.25129]));
    expect(c.differences[0]).toMatchObject({ method: 'exact permutation', pValue: 0.5, verdict: 'not significant' });
    expect(c.passed).toBe(true);
  });

  it('does not fail on a tie in the worse direction either', () => {
    const c = compareResults(folderOf([100, 100, 100]), folderOf([110, 110, 110]));
    expect(c.differences[0]).toMatchObject({ method: 'exact permutation', pValue: 0.25, verdict: 'not significant' });
    expect(c.passed).toBe(true);
  });

  it('gives two unpaired constant, unequal sides the exact p over the splits of the pooled values, with no t or degrees of freedom', () => {
    // 2 of the C(6, 3) = 20 splits are as extreme: the observed one and its mirror.
    expect(saved(folderOf([100, 100, 100]), folderOf([90, 90, 90], 50))).toMatchObject({ test: 'unpaired', method: 'exact permutation', asExtreme: 2, arrangements: 20, t: null, df: null, pValue: 0.1, verdict: 'not significant' });
  });

  it('gives unpaired samples of unequal sizes the exact p, not twice it', () => {
    // 3 against 2 replications: 1 of the C(5, 3) = 10 splits is as extreme (0.2 before).
    expect(saved(folderOf([100, 100, 100]), folderOf([90, 90], 50))).toMatchObject({ test: 'unpaired', asExtreme: 1, arrangements: 10, pValue: 0.1 });
  });

  it('gives unpaired near-constant samples the p of constant ones, not the tiny p of a t-test', () => {
    // [5, 5] against [6, 6.001]: Welch's t-test read p = 3.2e-4; as splits 2 of 6, as [6, 6].
    expect(saved(latency([5, 5]), inMemory({ metric: 'consensus.client_latency_ms.mean', values: [6, 6.001], seeds: [50, 51] }))).toMatchObject({ pValue: 1 / 3, verdict: 'not significant' });
  });

  it('finds a change of deterministic replications significant when there are enough of them for the permutation p', () => {
    // 2 / C(12, 6) = 0.0022.
    const c = compareResults(folderOf([100, 100, 100, 100, 100, 100]), folderOf([90, 90, 90, 90, 90, 90], 50));
    expect(c.differences[0]).toMatchObject({ test: 'unpaired', method: 'exact permutation', verdict: 'better' });
    expect(c.differences[0]!.pValue).toBeCloseTo(2 / 924, 12);
  });

  it('ties paired differences that are the same up to floating-point rounding', () => {
    // 1.2 − 1.1, 2.3 − 2.2 and 3.4 − 3.3 are 0.1 apart in exact arithmetic, a few ulps apart in binary.
    expect(saved(folderOf([1.1, 2.2, 3.3]), folderOf([1.2, 2.3, 3.4]))).toMatchObject({ test: 'paired', method: 'exact permutation', pValue: 0.25 });
  });

  it('finds floating-point values equal up to rounding identical: p = 1', () => {
    expect(saved(folderOf([0.3, 0.3, 0.3]), folderOf([0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2], 50))).toMatchObject({ test: 'unpaired', pValue: 1, verdict: 'identical' });
  });

  it('uses the paired t-test beyond 16 pairs, and the closed-form exact p there for differences with no spread', () => {
    const ramp = Array.from({ length: 17 }, (_, k) => 100 + k);
    const t = saved(folderOf(ramp), folderOf(ramp.map((x, k) => x + 1 + (k % 2) / 10)));
    expect(t).toMatchObject({ method: 'paired t', df: 16, arrangements: null, asExtreme: null });
    expect(t.t).toBeGreaterThan(0);
    expect(saved(folderOf(ramp), folderOf(ramp.map((x) => x + 1)))).toMatchObject({ method: 'exact permutation', t: null, asExtreme: 2, arrangements: 2 ** 17, pValue: 2 ** -16 });
  });
});

describe('compare: the closed-form exact p beyond 50,000 splits', () => {
  it('counts the one split as extreme as two constant unpaired samples of 8 and 12, though 1 / C(20, 8) times C(20, 8) rounds below 1', () => {
    const c = compareResults(inMemory({ values: Array<number>(8).fill(180), seeds: Array.from({ length: 8 }, (_, k) => k + 1) }), inMemory({ values: Array<number>(12).fill(190), seeds: Array.from({ length: 12 }, (_, k) => k + 101) }));
    expect(c.differences[0]).toMatchObject({ method: 'exact permutation', arrangements: 125_970, asExtreme: 1, pValue: 1 / 125_970 });
  });
});

describe('compare: the interval of each difference', () => {
  // Five paired replications, B slower in every one by 2.5 to 4 ms: the exact test's smallest p,
  // 2 / 2^5 = 0.0625, cannot be significant, however consistent the change.
  const a = folderOf([180, 175, 190, 185, 178]);
  const b = folderOf([183, 179, 192.5, 188.5, 181.1]);

  it('calls a change the test cannot confirm not significant, and gives the paired t interval of B − A by seed, which excludes 0', () => {
    const d = compareResults(a, b).differences[0]!;
    expect(d).toMatchObject({ test: 'paired', pValue: 0.0625, significant: false, verdict: 'not significant' });
    expect(d.delta).toBeCloseTo(3.22, 10);
    // scipy.stats.ttest_rel(b, a).confidence_interval(): [2.52091, 3.91909].
    expect(d.deltaCi95![0]).toBeCloseTo(2.520909, 5);
    expect(d.deltaCi95![1]).toBeCloseTo(3.919091, 5);
    // Fieller's interval of mean(B) / mean(A), less 1: the roots of q_a·θ² − 2·q_b·θ + q_c with
    // t(0.975, 4) = 2.776445 and the pairs' variances and covariance, solved by hand in Python:
    // [0.0134769, 0.0222657], where B − A's interval over 181.6 gave [0.0138817, 0.0215809].
    expect(d.relativeCi95![0]).toBeCloseTo(0.0134769, 6);
    expect(d.relativeCi95![1]).toBeCloseTo(0.0222657, 6);
  });

  it("gives unpaired runs Fieller's relative interval by Welch's t, mirrored where A's mean is negative", () => {
    const a = [100, 104, 98, 102];
    const b = [110, 115, 107, 112];
    const d = compareResults(folderOf(a), folderOf(b, 50)).differences[0]!;
    // Each end θ − 1 makes |mean(B) − θ·mean(A)| exactly t(0.975, 5.833) = 2.464005 standard errors (Welch–Satterthwaite df at θ̂).
    const variance = (xs: number[]) => {
      const m = xs.reduce((x, y) => x + y, 0) / xs.length;
      return xs.reduce((sum, v) => sum + (v - m) ** 2, 0) / (xs.length - 1);
    };
    for (const end of d.relativeCi95!) {
      const theta = end + 1;
      expect(Math.abs(d.meanB - theta * d.meanA) / Math.sqrt(variance(b) / 4 + theta * theta * variance(a) / 4)).toBeCloseTo(2.464005, 5);
    }
    expect(d.relativeCi95![0]).toBeLessThan(d.relative!);
    expect(d.relativeCi95![1]).toBeGreaterThan(d.relative!);
    // Both means negated: the same ratio, and (B − A) / |A| changes sign.
    const negated = compareResults(folderOf(a.map((x) => -x)), folderOf(b.map((x) => -x), 50)).differences[0]!;
    expect(negated.relative).toBeCloseTo(-d.relative!, 12);
    expect(negated.relativeCi95![0]).toBeCloseTo(-d.relativeCi95![1], 12);
    expect(negated.relativeCi95![1]).toBeCloseTo(-d.relativeCi95![0], 12);
  });

  it("gives unpaired runs Welch's interval", () => {
    // scipy.stats.ttest_ind(b, a, equal_var=False).confidence_interval(): [4.72356, 15.27644].
    const d = compareResults(folderOf([100, 104, 98, 102]), folderOf([110, 115, 107, 112], 50)).differences[0]!;
    expect(d.test).toBe('unpaired');
    expect(d.deltaCi95![0]).toBeCloseTo(4.723559, 5);
    expect(d.deltaCi95![1]).toBeCloseTo(15.276441, 5);
  });

  it('has no interval where the metric is untested, nor a relative one where A is 0', () => {
    expect(compareResults(folderOf([2000, null, null]), folderOf([50, 60, 55])).differences[0]).toMatchObject({ verdict: 'untested', deltaCi95: null, relativeCi95: null });
    const fromZero = compareResults(folderOf([0, 0, 0]), folderOf([1, 2, 3])).differences[0]!;
    expect(fromZero.deltaCi95).not.toBeNull();
    expect(fromZero.relativeCi95).toBeNull();
  });

  it('prints the intervals beside B − A and the relative difference in the table', () => {
    const md = compareMarkdown(a, b, { title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] }, compareResults(a, b), []);
    expect(md).toContain('| B − A [95 % CI] | relative [95 % CI] |');
    expect(md).toContain('| +3.22 [+2.521, +3.919] | +1.8 [+1.3, +2.2] % | 0.063 |');
    expect(md).toContain('| not significant |');
  });
});

describe("compare: Holm's family leaves out metrics identical in A and B", () => {
  // Nine metrics that did not move (the same value in every replication of A and B, as most of a
  // scenario's workload and configuration metrics) beside one that fell by 10 % in each of six
  // paired replications (raw p = 2 / 2^6 = 0.031, the smallest six pairs allow).
  const unmoved = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`stable.metric_${k}`, [5, 6, 7, 5, 6, 7]]));
  const a = withMetrics({ 'consensus.client_latency_ms.mean': [100, 102, 98, 101, 99, 100], ...unmoved });
  const b = withMetrics({ 'consensus.client_latency_ms.mean': [90, 90, 90, 90, 90, 90], ...unmoved });

  it('does not let them dilute the correction of a metric that moved', () => {
    const latency = compareResults(a, b).differences.find((d) => d.metric === 'consensus.client_latency_ms.mean')!;
    expect(latency.pValue).toBe(0.03125);
    // Counted, the nine would make it 10 × 0.031 = 0.31: "not significant".
    expect(latency).toMatchObject({ significant: true, verdict: 'better' });
    expect(latency.pAdjusted).toBe(latency.pValue);
  });

  it('lists them as identical in A and B, with p = 1 and no Holm-adjusted p', () => {
    const c = compareResults(a, b);
    expect(c.differences.filter((d) => d.metric.startsWith('stable.')).map((d) => [d.verdict, d.pValue, d.pAdjusted])).toEqual(Array.from({ length: 9 }, () => ['identical', 1, null]));
    const md = compareMarkdown(a, b, { title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] }, c, []);
    expect(md).toContain(
      "10 metrics, 1 tested, 9 identical in A and B; 1 differ significantly (Holm-adjusted p < 0.05 over the 1 tested): 0 worse, 1 better. Identical in A and B: every paired difference B − A zero, so p = 1 whatever the replications; left out of Holm's correction",
    );
  });
});

describe('compare: significance and the threshold at their bounds', () => {
  it('does not call a Holm-adjusted p of exactly 0.05 significant, and warns that no metric can be', () => {
    // Unpaired, 3 against 7: 6 of the C(10, 3) = 120 splits as extreme as the observed, the most extreme, p = 0.05.
    const c = compareResults(folderOf([1, 1, 1]), folderOf([2, 2, 3, 3, 4, 7, 7], 11));
    expect(c.differences[0]).toMatchObject({ method: 'exact permutation', asExtreme: 6, arrangements: 120, pValue: 0.05, pAdjusted: 0.05, significant: false, verdict: 'not significant' });
    expect(c.warnings).toEqual([expect.stringMatching(/^no metric can be significant with these replications: the smallest p their tests can give these data is 0\.0500, and Holm's correction over the 1 tested metrics needs one below 0\.0500;/)]);
  });

  it('judges a significant change exactly the size of the threshold worse, not within it', () => {
    // Twelve pairs, B higher in each (p = 2 / 2^12), by 5 on a mean of 100: relative 0.05, the threshold.
    const a = [98, 102, 99, 101, 100, 100, 97, 103, 96, 104, 100, 100];
    const c = compareResults(folderOf(a), folderOf(a.map((x, k) => x + [5, 6, 4, 5, 7, 3, 5, 5, 6, 4, 5, 5][k]!)), { threshold: 0.05 });
    expect(c.differences[0]).toMatchObject({ relative: 0.05, significant: true, verdict: 'worse' });
    expect(c.passed).toBe(false);
  });
});

describe('compare: the better direction of trust metrics', () => {
  it('calls a significant rise in invalid integrity checks worse, and fails', () => {
    const c = compareResults(inMemory({ metric: 'iomt.integrity_checks_invalid', values: [0, 0, 0, 0, 0, 0] }), inMemory({ metric: 'iomt.integrity_checks_invalid', values: [5, 6, 8, 5, 7, 6] }));
    expect(c.differences[0]).toMatchObject({ direction: 'lower', verdict: 'worse' });
    expect(c.passed).toBe(false);
  });
});

describe('compare: metrics with no better direction', () => {
  it('calls a significant change in offered load changed, in either direction, and passes', () => {
    const offered = (values: number[]) => inMemory({ metric: 'consensus.offered_tps', values });
    for (const [a, b] of [[[100, 101, 99, 100, 102, 98], [150, 152, 149, 151, 150, 148]], [[150, 152, 149, 151, 150, 148], [100, 101, 99, 100, 102, 98]]] as const) {
      const c = compareResults(offered([...a]), offered([...b]));
      expect(c.differences[0]).toMatchObject({ direction: 'neither', verdict: 'changed' });
      expect(c.passed).toBe(true);
    }
  });
});

describe('compare: checks and expectations that held in A and failed in B', () => {
  const integrity = (failedReplications: number) => ({ name: 'iomt.integrity', passed: failedReplications === 0, failedReplications, n: 3, detail: failedReplications === 0 ? '' : 'replication 0 (seed 1): 23 valid, 5 invalid reads' });

  it('fails the comparison on a check every replication of A passed and a replication of B failed, whatever the metrics say', () => {
    const c = compareResults(inMemory({ values: [100, 101, 102], checks: [integrity(0)] }), inMemory({ values: [100, 101, 102], checks: [integrity(3)] }));
    expect(c.worse).toBe(0);
    expect(c.passed).toBe(false);
    expect(c.regressions).toEqual([
      { pointLabel: 's', kind: 'check', name: 'iomt.integrity', inA: 'passed in 3 of 3 replications', inB: 'failed in 3 of 3 replications (replication 0 (seed 1): 23 valid, 5 invalid reads)' },
    ]);
  });

  it('does not count a check A failed too as B\'s regression', () => {
    const c = compareResults(inMemory({ values: [100, 101, 102], checks: [integrity(1)] }), inMemory({ values: [100, 101, 102], checks: [integrity(3)] }));
    expect(c.regressions).toEqual([]);
    expect(c.passed).toBe(true);
  });

  it('fails the comparison on an expectation that held on A\'s means and not on B\'s', () => {
    const expectation = (observed: number) => [{ metric: 'iomt.integrity_checks_invalid', condition: '== 0', observed, passed: observed === 0 }];
    const c = compareResults(inMemory({ values: [100, 101, 102], expectations: expectation(0) }), inMemory({ values: [100, 101, 102], expectations: expectation(6.333) }));
    expect(c.regressions).toEqual([{ pointLabel: 's', kind: 'expectation', name: 'iomt.integrity_checks_invalid == 0', inA: 'held (mean 0)', inB: 'failed (mean 6.333)' }]);
    expect(c.passed).toBe(false);
  });

  // A bound inside the metric's range: B's mean crossed it, five pairs whose differences disagree
  // in sign (+3, −2, +6, −3, +23 ms: p = 0.375).
  const p99 = (values: number[], held: boolean, metric = 'consensus.commit_latency_ms.p99', condition = '<= 185') =>
    inMemory({ metric, values, expectations: [{ metric, condition, observed: values.reduce((x, y) => x + y, 0) / values.length, passed: held }] });

  it('does not fail on an expectation whose bound B crossed where its metric\'s test finds no significant difference, and lists it as crossed', () => {
    const c = compareResults(p99([181, 178, 184, 180, 182.5], true), p99([184, 176, 190, 177, 205.5], false));
    expect(c.differences[0]).toMatchObject({ pValue: 0.375, verdict: 'not significant' });
    expect(c.regressions).toEqual([]);
    expect(c.boundsCrossed).toEqual([
      { pointLabel: 's', name: 'consensus.commit_latency_ms.p99 <= 185', inA: 'held (mean 181.1)', inB: 'failed (mean 186.5)', pValue: 0.375, pAdjusted: 0.375, pTowardBreach: 0.1875 },
    ]);
    expect(c.passed).toBe(true);
    expect(compareText(c, '/out')).toBe(
      'compare: passed: 0 significantly worse, 0 significantly better, 1 expectation crossed its bound (difference not significant) (1 metric, 1 tested; paired (same replication seeds))\n' +
        'crossed the bound, difference not significant (held in A, failed in B; not a failure of the comparison): s: expectation consensus.commit_latency_ms.p99 <= 185 (A: held (mean 181.1); B: failed (mean 186.5); one-sided p = 0.188, two-sided p = 0.375, Holm p = 0.375)\n' +
        "warning: no metric can be significant with these replications: the smallest p their tests can give these data is 0.0625, and Holm's correction over the 1 tested metrics needs one below 0.0500; run more replications, or judge the change by checks, by expectations that single replications decide (`== 0`, `> 0`) and by the scenario's stated bounds, each judged on its own metric's one-sided test outside Holm's correction\n" +
        'report: /out/report.html\n',
    );
  });

  it('fails on an expectation whose bound B crossed where its metric\'s test finds B significantly worse on that side', () => {
    // Twelve pairs, B higher by 9.5 to 10.5 ms in every one: p = 2 / 2^12.
    const a = [181, 178, 184, 180, 182, 179, 183, 181, 180, 182, 178, 184];
    const c = compareResults(p99(a, true), p99(a.map((x, k) => x + 10 + (k % 3) / 4 - 0.25), false));
    expect(c.differences[0]).toMatchObject({ significant: true, verdict: 'worse' });
    expect(c.boundsCrossed).toEqual([]);
    expect(c.regressions).toEqual([
      { pointLabel: 's', kind: 'expectation', name: 'consensus.commit_latency_ms.p99 <= 185', inA: 'held (mean 181)', inB: 'failed (mean 191), significantly higher than A (one-sided p < 0.001)' },
    ]);
    expect(c.passed).toBe(false);
  });

  // The breached metric among 50 others that moved by chance: B's p99 higher in each of 7 pairs,
  // two-sided p = 2 / 2^7, Holm-adjusted over 51 metrics 0.80, which no 7 pairs could get below 0.05.
  const amongMany = (p99Values: readonly number[], held: boolean, expectation: Partial<SummaryPoint['expectations'][number]> = {}) => {
    const others = Object.fromEntries(Array.from({ length: 50 }, (_, m) => [`noise.m${m}`, p99Values.map((_, k) => 100 + ((k * 7 + m * 3) % 5) + (held ? 0 : ((k + m) % 3) - 1))]));
    const folder = withMetrics({ 'consensus.commit_latency_ms.p99': p99Values, ...others });
    const observed = p99Values.reduce((x, y) => x + y, 0) / p99Values.length;
    const point = { ...folder.summary.points[0]!, expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed, passed: held, ...expectation }] };
    return { ...folder, summary: { ...folder.summary, points: [point] } } as unknown as ResultsFolder;
  };
  const sevenA = [181, 178, 184, 180, 182, 179, 183];

  it('fails on a breach its metric\'s own one-sided test finds significant, however many other metrics were tested', () => {
    const c = compareResults(amongMany(sevenA, true), amongMany(sevenA.map((x, k) => x + 8 + (k % 2)), false));
    const p99 = c.differences.find((d) => d.metric === 'consensus.commit_latency_ms.p99')!;
    expect(p99).toMatchObject({ pValue: 2 / 2 ** 7, significant: false });
    expect(c.differences.filter((d) => d.verdict !== 'identical')).toHaveLength(51);
    expect(c.boundsCrossed).toEqual([]);
    expect(c.regressions).toEqual([
      { pointLabel: 's', kind: 'expectation', name: 'consensus.commit_latency_ms.p99 <= 185', inA: 'held (mean 181)', inB: 'failed (mean 189.4), significantly higher than A (one-sided p = 0.008)' },
    ]);
    expect(c.passed).toBe(false);
  });

  it('lists as crossed a breach whose one-sided p is not below 0.05: four pairs, all higher, p = 1 / 2^4', () => {
    const c = compareResults(p99([181, 178, 184, 180], true), p99([189, 186, 192, 188], false));
    expect(c.regressions).toEqual([]);
    expect(c.boundsCrossed).toMatchObject([{ pValue: 0.125, pTowardBreach: 0.0625 }]);
    expect(c.passed).toBe(true);
  });

  it('does not halve the p of unpaired samples of unequal sizes, whose splits are not symmetric: 2 against 4, p = 1 / C(6, 2)', () => {
    const a = inMemory({ metric: 'consensus.commit_latency_ms.p99', values: [180, 181], seeds: [1, 2], expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: 180.5, passed: true }] });
    const b = inMemory({ metric: 'consensus.commit_latency_ms.p99', values: [190, 191, 192, 193], seeds: [3, 4, 5, 6], expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: 191.5, passed: false }] });
    const c = compareResults(a, b);
    expect(c.test).toBe('unpaired');
    expect(c.boundsCrossed).toMatchObject([{ pValue: 1 / 15, pTowardBreach: 1 / 15 }]);
    expect(c.passed).toBe(true);
  });

  it('reads a breach of a strict upper bound (<) as B higher, and fails where its test finds B significantly higher', () => {
    const a = [181, 178, 184, 180, 182, 179, 183, 181, 180, 182, 178, 184];
    const c = compareResults(p99(a, true, 'consensus.commit_latency_ms.p99', '< 185'), p99(a.map((x) => x + 10), false, 'consensus.commit_latency_ms.p99', '< 185'));
    expect(c.boundsCrossed).toEqual([]);
    expect(c.regressions).toMatchObject([{ name: 'consensus.commit_latency_ms.p99 < 185', inB: 'failed (mean 191), significantly higher than A (one-sided p < 0.001)' }]);
  });

  it('lists as crossed a bound B broke while lower than A in every pair: the test points away from the breach, one-sided p = 1 − 1/32', () => {
    // Under expectRule interval B's wider interval reaches past 185 while its mean fell: p = 2 / 2^5 two-sided.
    const interval = (values: number[], held: boolean, ci95: [number, number]) =>
      inMemory({ metric: 'consensus.commit_latency_ms.p99', values, expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: values.reduce((x, y) => x + y, 0) / 5, passed: held, rule: 'interval', ci95 }] });
    const c = compareResults(interval([180, 181, 182, 181, 180], true, [179.76, 181.84]), interval([179, 140, 181.5, 150, 179.9], false, [141.76, 190.4]));
    expect(c.regressions).toEqual([]);
    expect(c.boundsCrossed).toMatchObject([{ pValue: 0.0625, pTowardBreach: 1 - 0.03125 }]);
    expect(c.passed).toBe(true);
  });

  it('lists as crossed a breach whose one-sided p is exactly 0.05: unpaired, 3 against 3, p = 2 / C(6, 3) halved', () => {
    const side = (values: number[], seeds: number[], held: boolean) =>
      inMemory({ metric: 'consensus.commit_latency_ms.p99', values, seeds, expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: values.reduce((x, y) => x + y, 0) / 3, passed: held }] });
    const c = compareResults(side([180, 181, 182], [1, 2, 3], true), side([190, 191, 192], [4, 5, 6], false));
    expect(c.regressions).toEqual([]);
    expect(c.boundsCrossed).toMatchObject([{ pValue: 0.1, pTowardBreach: 0.05 }]);
    expect(c.passed).toBe(true);
  });

  it('fails on an expectation at the top of its metric\'s range that B broke in every replication, however few: < 1 on a ratio', () => {
    // Audit completeness 1 in each of B's replications; one pair differs, p = 1.
    const ratio = (values: number[], held: boolean) => {
      const folder = p99(values, held, 'iomt.audit_completeness_ratio', '< 1');
      const point = folder.summary.points[0]!;
      return { ...folder, summary: { ...folder.summary, points: [{ ...point, metrics: { 'iomt.audit_completeness_ratio': { ...point.metrics['iomt.audit_completeness_ratio']!, unit: 'ratio' } } }] } } as unknown as ResultsFolder;
    };
    const c = compareResults(ratio([0.98, 1, 1], true), ratio([1, 1, 1], false));
    expect(c.differences[0]!.significant).toBe(false);
    expect(c.boundsCrossed).toEqual([]);
    expect(c.regressions).toMatchObject([{ kind: 'expectation', name: 'iomt.audit_completeness_ratio < 1', inB: 'failed (mean 1)' }]);
    expect(c.passed).toBe(false);
  });

  it('fails on a bound breached under expectRule every, which single replications decide, however few the pairs', () => {
    // One of B's three replications past 185, its mean inside: p = 0.25 over three pairs.
    const every = (values: number[], held: boolean) =>
      inMemory({ metric: 'consensus.commit_latency_ms.p99', values, expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: values.reduce((x, y) => x + y, 0) / 3, passed: held, rule: 'every', failedReplications: held ? 0 : 1, n: 3 }] });
    const c = compareResults(every([180, 181, 182], true), every([181, 182, 187], false));
    expect(c.differences[0]!.significant).toBe(false);
    expect(c.boundsCrossed).toEqual([]);
    expect(c.regressions).toMatchObject([{ kind: 'expectation', name: 'consensus.commit_latency_ms.p99 <= 185', inB: 'failed (mean 183.3)' }]);
    expect(c.passed).toBe(false);
  });

  it('shows the 95 % CI that decided a breach under expectRule interval, B\'s mean inside the bound', () => {
    const interval = (values: number[], held: boolean, ci95: [number, number]) =>
      inMemory({ metric: 'consensus.commit_latency_ms.p99', values, expectations: [{ metric: 'consensus.commit_latency_ms.p99', condition: '<= 185', observed: values.reduce((x, y) => x + y, 0) / 3, passed: held, rule: 'interval', ci95 }] });
    const c = compareResults(interval([180, 181, 182], true, [177.5, 184.5]), interval([180, 183, 186], false, [175.5, 190.5]));
    expect(c.boundsCrossed).toMatchObject([{ inA: 'held (mean 181, 95 % CI [177.5, 184.5])', inB: 'failed (mean 183, 95 % CI [175.5, 190.5])' }]);
  });

  it('fails on an expectation at the edge of its metric\'s range that B broke in every replication, however few: > 0 on a count', () => {
    // Record tampering that no longer happened: 0 in both of B's replications, p = 0.5 at two pairs.
    const c = compareResults(p99([4, 5], true, 'attack.records_tampered', '> 0'), p99([0, 0], false, 'attack.records_tampered', '> 0'));
    expect(c.differences[0]!.significant).toBe(false);
    expect(c.regressions).toMatchObject([{ kind: 'expectation', name: 'attack.records_tampered > 0', inB: 'failed (mean 0)' }]);
    expect(c.boundsCrossed).toEqual([]);
    expect(c.passed).toBe(false);
  });

  it('lists the regression on the command line', async () => {
    const a = inMemory({ values: [100, 101, 102], checks: [integrity(0)] });
    const b = inMemory({ values: [100, 101, 102], checks: [integrity(3)] });
    expect(compareText(compareResults(a, b), '/out')).toBe(
      'compare: FAILED: 0 significantly worse, 0 significantly better, 1 check or expectation regressed (1 metric, 0 tested, 1 identical in A and B; paired (same replication seeds))\n' +
        'regressed (held in A, failed in B): s: check iomt.integrity (A: passed in 3 of 3 replications; B: failed in 3 of 3 replications (replication 0 (seed 1): 23 valid, 5 invalid reads))\n' +
        'report: /out/report.html\n',
    );
  });
});

describe('compare: runs whose replication seeds overlap', () => {
  it('pairs on the seeds both runs used when they share two or more, leaving out the rest', () => {
    // B's third replication (seed 3) is far off; paired on seeds 1 and 2 it is not read.
    const c = compareResults(inMemory({ values: [100, 110], seeds: [1, 2] }), inMemory({ values: [101, 111, 900], seeds: [1, 2, 3] }));
    expect(c.test).toBe('paired');
    expect(c.seeds).toEqual({ shared: 2, onlyA: 0, onlyB: 1, sharedLeftOutOf: null });
    expect(c.differences[0]).toMatchObject({ test: 'paired', nA: 2, nB: 2, meanB: 106, method: 'exact permutation', pValue: 0.5 });
  });

  it('says how many it paired and how many it left out, not that the samples are independent', () => {
    const a = inMemory({ values: [100, 110], seeds: [1, 2] });
    const b = inMemory({ values: [101, 111, 900], seeds: [1, 2, 3] });
    const c = compareResults(a, b);
    const md = compareMarkdown(a, b, { title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] }, c, []);
    expect(md).toContain("on the 2 replication seeds both runs used, each replication of A paired with B's of the same seed; 1 replication of B, whose seed the other run did not use, left out.");
    expect(md).not.toContain('independent');
    expect(compareText(c, '/out').split('\n')[0]).toContain('(1 metric, 1 tested; paired on 2 shared replication seeds, 1 replication of B left out)');
  });

  it('shows in the table how many replications each mean is over, of how many, where the side-by-side means are over more', () => {
    // B's mean over the pairs tested is 106; over its three replications (the side-by-side tables) 370.7.
    const a = inMemory({ values: [100, 110], seeds: [1, 2] });
    const b = inMemory({ values: [101, 111, 900], seeds: [1, 2, 3] });
    const c = compareResults(a, b);
    expect(c.differences[0]).toMatchObject({ nA: 2, nB: 2, nProducedA: 2, nProducedB: 3 });
    const input = { title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] };
    const md = compareMarkdown(a, b, input, c, []);
    expect(md).toContain('| n (A / B) |');
    expect(md).toContain('| 105 | 106 | 2 of 2 / 2 of 3 (paired seeds) |');
    expect(md).toContain('the side-by-side tables below average all m, so their means differ there.');
    expect(compareHtml(a, b, input, c, [])).toContain('<td class="num">2 of 2 / 2 of 3 (paired seeds)</td>');
  });

  it('states plain counts, and no note, when every replication that produced the metric was tested', () => {
    const a = folderOf([100, 110, 120]);
    const b = folderOf([101, 112, 120]);
    const md = compareMarkdown(a, b, { title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] }, compareResults(a, b), []);
    expect(md).toContain('| 110 | 111 | 3 / 3 |');
    expect(md).not.toContain('side-by-side tables below average');
  });

  it("leaves the one shared seed's replication out of the larger run, so the unpaired samples are independent", () => {
    const c = compareResults(inMemory({ values: [100, 110], seeds: [1, 2] }), inMemory({ values: [100, 120, 130], seeds: [1, 3, 4] }));
    expect(c.test).toBe('unpaired');
    expect(c.seeds).toEqual({ shared: 1, onlyA: 1, onlyB: 2, sharedLeftOutOf: 'B' });
    expect(c.differences[0]).toMatchObject({ test: 'unpaired', nA: 2, nB: 2, meanB: 125 });
  });
});

describe('compare: what the page and the command line say', () => {
  const inputOf = (a: ResultsFolder, b: ResultsFolder): ReportInput => ({ title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] });

  it('states how each p was found in the table, and the methods with their floor in the summary', () => {
    const a = folderOf([100, 100, 100]);
    const b = folderOf([110, 110, 111]);
    const md = compareMarkdown(a, b, inputOf(a, b), compareResults(a, b), []);
    expect(md).toContain(
      ' p: 1 metric by the exact sign-flip permutation test (every one of the 2^n sign patterns of the n paired differences B − A counted; the smallest p is 2^(1−n)).',
    );
    expect(md).toContain('| 0.250 | exact permutation, 2 of 8 arrangements |');
  });

  it('states the t statistic and degrees of freedom where the t-test is used', () => {
    const ramp = Array.from({ length: 17 }, (_, k) => 100 + k);
    const a = folderOf(ramp);
    const b = folderOf(ramp.map((x, k) => x + 1 + (k % 2)));
    const md = compareMarkdown(a, b, inputOf(a, b), compareResults(a, b), []);
    expect(md).toMatch(/\| < 0\.001 \| paired t, t = [0-9.]+ at 16 df \|/);
    expect(md).toContain(' p: 1 metric by the paired t-test for more than 16 pairs.');
  });

  it('lists points present in only one run on the command line', () => {
    const a = inMemory({ values: [100, 101, 102] });
    const b = inMemory({ values: [100, 101, 102] });
    const sweep = (f: ResultsFolder, nodes: readonly number[]): ResultsFolder => {
      const point = f.summary.points[0]!;
      return {
        ...f,
        summary: { ...f.summary, points: nodes.map((n) => ({ ...point, parameters: { 'consensus.nodes': n } })) },
        replications: nodes.flatMap((n, i) => f.replications.map((r) => ({ ...r, point: i, parameters: { 'consensus.nodes': n } }))),
      };
    };
    const c = compareResults(sweep(a, [4, 7]), sweep(b, [4, 10]));
    expect(compareText(c, '/out')).toContain('\nunmatched points: A: consensus.nodes=7; B: consensus.nodes=10\n');
  });

  it('counts the untested and the identical apart from the tested, on the page and on the command line', () => {
    const a = withMetrics({ 'consensus.commit_latency_ms.p50': [100, 110, 120], 'consensus.commit_latency_ms.p99': [2000, null, null], 'stable.metric': [5, 6, 7] });
    const b = withMetrics({ 'consensus.commit_latency_ms.p50': [101, 112, 120], 'consensus.commit_latency_ms.p99': [50, 60, 55], 'stable.metric': [5, 6, 7] });
    const c = compareResults(a, b);
    const md = compareMarkdown(a, b, inputOf(a, b), c, []);
    expect(md).toContain('3 metrics, 1 tested, 1 identical in A and B, 1 untested; 0 differ significantly (Holm-adjusted p < 0.05 over the 1 tested)');
    expect(md).toContain(' p: 1 metric by the exact sign-flip permutation test');
    expect(md).not.toContain('compared;');
    expect(compareText(c, '/out').split('\n')[0]).toBe('compare: passed: 0 significantly worse, 0 significantly better (3 metrics, 1 tested, 1 identical in A and B, 1 untested; paired (same replication seeds))');
  });

  it('lists untested metrics on the command line', () => {
    const c = compareResults(folderOf([2000, null, null]), folderOf([50, 60, 55]));
    expect(compareText(c, '/out')).toContain('\nuntested (a side had fewer than two values): s: consensus.commit_latency_ms.p50\n');
  });

  it('lists the metrics not compared, with their reasons, on the page and on the command line', () => {
    const a = folderOf([null, null, null]);
    const b = folderOf([50, 60, 55]);
    const c = compareResults(a, b);
    expect(compareMarkdown(a, b, inputOf(a, b), c, [])).toContain('Not compared, each with the reason: s: consensus.commit_latency_ms.p50 (only in B).');
    expect(compareHtml(a, b, inputOf(a, b), c, [])).toContain('<p>Not compared, each with the reason: s: consensus.commit_latency_ms.p50 (only in B).</p>');
    expect(compareText(c, '/out')).toBe(
      'compare: passed: 0 significantly worse, 0 significantly better (0 metrics, 0 tested; paired (same replication seeds))\nnot compared: s: consensus.commit_latency_ms.p50 (only in B)\nreport: /out/report.html\n',
    );
  });
});

describe('compare', () => {
  it('finds no significant difference between two runs of the same configuration', () => {
    const comparison = compareResults(loadResults(run({ seed: 1 })), loadResults(run({ seed: 2 })));
    expect(comparison.differences.length).toBeGreaterThan(20);
    expect(comparison.worse).toBe(0);
    expect(comparison.passed).toBe(true);
    expect(comparison.differences.find((d) => d.metric === 'consensus.throughput_tps')?.verdict).toBe('not significant');
  });

  it('flags a slower configuration as significantly worse and exits 1', async () => {
    const a = run({ seed: 1, replications: GATE_REPLICATIONS });
    const b = run({ seed: 2, replications: GATE_REPLICATIONS, points: [{ parameters: {}, load: 2 }] });
    const out = tempResultsDir('cmp-out');
    const { value: code, stdout } = await captured(() => compareCommand(a, b, { out }));
    expect(code).toBe(1);
    expect(stdout).toContain('compare: FAILED');
    const saved = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    const throughput = saved.differences.find((d: { metric: string }) => d.metric === 'consensus.throughput_tps');
    expect(throughput.verdict).toBe('worse');
    expect(throughput.pAdjusted).toBeLessThan(0.05);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| default | `consensus.throughput_tps` |');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('A · default');
  });

  it('pairs replications by seed when both runs used the same replication seeds, leaves them unpaired otherwise', () => {
    const a = loadResults(run({ seed: 1 }));
    const paired = compareResults(a, loadResults(run({ seed: 2 })));
    const independent = compareResults(a, loadResults(run({ seed: 2, firstReplicationSeed: 5000 })));
    expect(paired.test).toBe('paired');
    expect(paired.differences.every((d) => d.test === 'paired')).toBe(true);
    expect(independent.test).toBe('unpaired');
    expect(independent.differences.find((d) => d.metric === 'consensus.throughput_tps')?.test).toBe('unpaired');
  });

  it('does not fail on a significant change smaller than the threshold', async () => {
    const a = run({ seed: 1, replications: GATE_REPLICATIONS });
    const b = run(SLIGHTLY_SLOWER);
    const strict = await captured(() => compareCommand(a, b, { out: tempResultsDir('cmp-strict') }));
    const lenient = await captured(() => compareCommand(a, b, { out: tempResultsDir('cmp-lenient'), threshold: 0.05, json: true }));
    expect(strict.value).toBe(1);
    expect(lenient.value).toBe(0);
    const record = JSON.parse(lenient.stdout);
    expect(record.threshold).toBe(0.05);
    const throughput = record.differences.find((d: { metric: string }) => d.metric === 'consensus.throughput_tps');
    expect(throughput.significant).toBe(true);
    expect(throughput.verdict).toBe('within threshold');
  });

  it('prints the comparison record, and only it, with --json', async () => {
    const out = tempResultsDir('cmp-json');
    const { value: code, stdout } = await captured(() => compareCommand(run({ seed: 1 }), run({ seed: 2 }), { out, json: true }));
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(record).toMatchObject({ format: 'iomtsim-comparison/4', out, passed: true, test: 'paired', worse: 0, threshold: 0 });
    expect(record).toEqual(JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')));
  });

  it('documents every field of comparison.json and of its differences in docs/reports.md', async () => {
    const out = tempResultsDir('cmp-fields');
    const { stdout } = await captured(() => compareCommand(run({ seed: 1 }), run({ seed: 2 }), { out, json: true }));
    const record = JSON.parse(stdout);
    const doc = readFileSync(new URL('../../../docs/reports.md', import.meta.url), 'utf8');
    for (const field of [...Object.keys(record), ...Object.keys(record.differences[0])]) expect(doc, field).toContain(`\`${field}\``);
  });

  it('refuses a side with one replication (exit 2), saying why', async () => {
    const a = run({ seed: 1 });
    const b = run({ seed: 2, replications: 1 });
    const out = tempResultsDir('cmp-single');
    const { value: code, stderr } = await captured(() => compareCommand(a, b, { out }));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `iomtsim compare: ${join(b, 'replications.jsonl')}: point default: expected at least 2 replications on each side (a significance test compares the spread between replications; rerun with --reps 2 or more), found 1 replication\n`,
    );
  });

  it('refuses an earlier comparison\'s folder whose report.md is a directory before rewriting any file of it', async () => {
    const a = run({ seed: 1 });
    const b = run({ seed: 2 });
    const out = tempResultsDir('cmp-destination');
    await captured(() => compareCommand(a, b, { out }));
    rmSync(join(out, 'report.md'));
    mkdirSync(join(out, 'report.md'));
    const before = snapshot(out);
    const refused = await captured(() => compareCommand(run({ seed: 3 }), b, { out })).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).message).toBe(`${join(out, 'report.md')}: (file): expected a file path iomtsim can write to, found a directory`);
    expect(snapshot(out)).toEqual(before);
  });

  it('pairs sweep points by their parameters', () => {
    const a = tempResultsDir('cmp-sweep-a');
    const b = tempResultsDir('cmp-sweep-b');
    writeSweepFixture(a, { durationS: 2 });
    writeSweepFixture(b, { durationS: 2, points: [7, 13].map((nodes) => ({ parameters: { 'consensus.nodes': nodes }, load: nodes / 4 })) });
    const comparison = compareResults(loadResults(a), loadResults(b));
    expect(new Set(comparison.differences.map((d) => d.pointLabel))).toEqual(new Set(['consensus.nodes=7', 'consensus.nodes=13']));
    expect(comparison.unmatched).toEqual(['A: consensus.nodes=4', 'A: consensus.nodes=10']);
  });

  it('lists the differences in order of the swept values, as the side-by-side tables, not in --vary order', () => {
    const a = tempResultsDir('cmp-order-a');
    const b = tempResultsDir('cmp-order-b');
    const swept = [13, 4, 10, 7].map((nodes) => ({ parameters: { 'consensus.nodes': nodes }, load: nodes / 4 }));
    writeSweepFixture(a, { durationS: 2, points: swept });
    writeSweepFixture(b, { durationS: 2, points: swept });
    const labels = compareResults(loadResults(a), loadResults(b)).differences.map((d) => d.pointLabel);
    expect([...new Set(labels)]).toEqual(['consensus.nodes=4', 'consensus.nodes=7', 'consensus.nodes=10', 'consensus.nodes=13']);
  });

  it('refuses two results with no point in common (exit 2)', async () => {
    const a = run({});
    const b = tempResultsDir('cmp-sweep');
    writeSweepFixture(b, { durationS: 2 });
    const { value: code, stderr } = await captured(() => compareCommand(a, b, { out: tempResultsDir('cmp-none') }));
    expect(code).toBe(2);
    expect(stderr).toContain('points[].parameters');
    expect(stderr).toContain('consensus.nodes=4');
  });
});

describe('compare --out', () => {
  /** The message of the input error `act` rejects with. */
  async function refusal(act: () => Promise<unknown>): Promise<string> {
    const err = await captured(act).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }

  it('refuses a folder that holds a run\'s results, whose report it would replace, and writes nothing there', async () => {
    const a = run({ seed: 1 });
    const b = run({ seed: 2 });
    const before = readdirSync(b).sort();
    expect(await refusal(() => compareCommand(a, b, { out: b }))).toBe(`--out ${b}: (flag): expected a folder that holds no run's results (their report would be replaced), found an existing results folder`);
    expect(readdirSync(b).sort()).toEqual(before);
  });

  it('names the flag when the folder cannot be made', async () => {
    const file = join(tempResultsDir('cmp-file'), 'file');
    writeFileSync(file, 'x');
    expect(await refusal(() => compareCommand(run({ seed: 1 }), run({ seed: 2 }), { out: join(file, 'out') }))).toMatch(new RegExp(`^--out ${join(file, 'out')}: \\(flag\\): .*found ${file}, a file, where a folder would have to be$`));
  });

  it('writes again into its own earlier comparison folder', async () => {
    const out = tempResultsDir('cmp-again');
    const a = run({ seed: 1 });
    const b = run({ seed: 2 });
    expect((await captured(() => compareCommand(a, b, { out }))).value).toBe(0);
    expect((await captured(() => compareCommand(a, b, { out }))).value).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['comparison.json', 'figures', 'report.html', 'report.md']);
  });
});

describe('compare: which side is short, and runs that are not complete or not alike', () => {
  /** Rewrites a fixture run as interrupted after its first `kept` replications (summary and manifest say so). */
  function interruptedAfter(dir: string, kept: number): void {
    const lines = readFileSync(join(dir, 'replications.jsonl'), 'utf8').trim().split('\n').slice(0, kept);
    writeFileSync(join(dir, 'replications.jsonl'), `${lines.join('\n')}\n`);
    for (const file of ['manifest.json', 'summary.json']) {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      writeFileSync(join(dir, file), JSON.stringify({ ...json, status: 'interrupted' }));
    }
  }

  /** A in-memory run marked as `status`, with `failures` failed replications listed. */
  function marked(folder: ResultsFolder, status: string, failures = 0, replicationSeeds?: readonly number[]): ResultsFolder {
    const failed = Array.from({ length: failures }, (_, k) => ({ point: 0, replication: k, seed: k + 1, error: 'Error: boom' }));
    return {
      ...folder,
      manifest: { ...folder.manifest, status, ...(replicationSeeds === undefined ? {} : { replicationSeeds }) },
      summary: { ...folder.summary, status, failures: failed },
    } as unknown as ResultsFolder;
  }

  it('names B when B has one replication and A two, sharing its seed (not A, whose copy of it the test would leave out)', async () => {
    const a = run({ seed: 1, replications: 2 });
    const b = run({ seed: 2, replications: 1 });
    const { value: code, stderr } = await captured(() => compareCommand(a, b, { out: tempResultsDir('cmp-short-b') }));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `iomtsim compare: ${join(b, 'replications.jsonl')}: point default: expected at least 2 replications on each side (a significance test compares the spread between replications; rerun with --reps 2 or more), found 1 replication\n`,
    );
    // And A when A is the short one.
    const swapped = await captured(() => compareCommand(b, a, { out: tempResultsDir('cmp-short-a') }));
    expect(swapped.stderr).toContain(`iomtsim compare: ${join(b, 'replications.jsonl')}: `);
  });

  it('names a failed run with no replication, and says it failed', () => {
    const a = folderOf([100, 110]);
    const b = marked({ ...folderOf([]), dir: '/failed-run' } as ResultsFolder, 'failed', 1, [1]);
    expect(() => compareResults(a, b)).toThrow(
      "/failed-run/replications.jsonl: point s: expected at least 2 replications on each side (a significance test compares the spread between replications; rerun with --reps 2 or more), found 0 replications (the run's status is 'failed': 1 replication failed (summary.json failures))",
    );
  });

  it('counts only replications an interrupted run finished, and warns that it is interrupted (output and comparison.json)', async () => {
    const a = run({ seed: 1, replications: 2 });
    const b = run({ seed: 2, replications: 6 });
    interruptedAfter(b, 3);
    const out = tempResultsDir('cmp-interrupted');
    const { value: code, stdout } = await captured(() => compareCommand(a, b, { out }));
    expect(code).toBe(0);
    const warning = `B (${b}) is an interrupted run (manifest.json status 'interrupted'): 3 of 6 replications finished, and only those that finished are compared; iomtsim run --resume ${b} runs the rest`;
    expect(stdout).toContain('; paired on 2 shared replication seeds, 1 replication of B left out)');
    expect(stdout).toContain(`\nwarning: ${warning}\n`);
    const saved = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(saved.seeds).toEqual({ shared: 2, onlyA: 0, onlyB: 1, sharedLeftOutOf: null });
    expect(saved.warnings).toContain(warning);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain(`> ⚠️ ${warning}`);
  });

  it('warns, without refusing, that runs of different scenarios and protocols differ in them', () => {
    const of = (name: string, protocol: string, values: number[]): ResultsFolder => {
      const f = folderOf(values);
      return { ...f, manifest: { ...f.manifest, scenario: { name, consensus: { protocol } } }, summary: { ...f.summary, scenario: name } } as ResultsFolder;
    };
    // Six paired replications: few enough that the exact test could not reach significance would add a warning of its own.
    const c = compareResults(of('pbft', 'pbft', [100, 110, 120, 130, 140, 150]), of('raft', 'raft', [101, 111, 121, 131, 141, 151]));
    expect(c.test).toBe('paired');
    expect(c.warnings).toEqual([
      "A and B are runs of different scenarios (scenario 'pbft' in A, 'raft' in B; consensus.protocol pbft in A, raft in B): each difference is between the two as wholes, not the effect of one change, and replications paired on a seed share the seed, not the same world",
    ]);
    expect(compareText(c, '/out')).toContain(`\nwarning: ${c.warnings[0]}\n`);
    expect(compareResults(of('consortium', 'pbft', [100, 110]), of('pbft', 'pbft', [100, 110])).warnings[0]).toMatch(/^A and B are runs of different scenarios \(scenario 'consortium' in A, 'pbft' in B\): /);
    expect(compareResults(of('pbft', 'pbft', [100, 110, 120, 130, 140, 150]), of('pbft', 'pbft', [101, 111, 121, 131, 141, 151])).warnings).toEqual([]);
  });

  it('warns that no metric can be significant where the replications are too few for the exact test, and not where they suffice', () => {
    const two = compareResults(folderOf([100, 110]), folderOf([200, 210]));
    expect(two.warnings).toEqual(["no metric can be significant with these replications: the smallest p their tests can give these data is 0.500, and Holm's correction over the 1 tested metrics needs one below 0.0500; run more replications, or judge the change by checks, by expectations that single replications decide (`== 0`, `> 0`) and by the scenario's stated bounds, each judged on its own metric's one-sided test outside Holm's correction"]);
    expect(compareText(two, '/out')).toContain(`\nwarning: ${two.warnings[0]}\n`);
    expect(compareResults(folderOf([100, 110, 120, 130, 140, 150]), folderOf([200, 210, 220, 230, 240, 250])).warnings).toEqual([]);
    // Six pairs, but a change in two seeds only: four zero differences leave two signs to flip, floor 0.5.
    expect(compareResults(folderOf([100, 101, 102, 103, 104, 105]), folderOf([100, 101, 102, 103, 204, 205])).warnings[0]).toMatch(/^no metric can be significant with these replications: the smallest p their tests can give these data is 0\.500,/);
    // Unpaired, 3 and 4 replications on different seeds: 1 / C(7, 3) = 0.0286 can reach 0.05 over one metric.
    const unpaired = compareResults(inMemory({ values: [100, 110, 120], seeds: [1, 2, 3] }), inMemory({ values: [200, 210, 220, 230], seeds: [11, 12, 13, 14] }));
    expect(unpaired.test).toBe('unpaired');
    expect(unpaired.warnings).toEqual([]);
  });

  it('warns, without refusing, that runs of different iomtsim commits may differ by their code', () => {
    const built = (commit: string | null, iomtsim = '0.1.0'): ResultsFolder => {
      const f = folderOf([100, 110, 120]);
      return { ...f, manifest: { ...f.manifest, commit, versions: { iomtsim, node: 'v20.20.2' } } } as ResultsFolder;
    };
    const c = compareResults(built('4115ae8'), built('be6e1c0'));
    expect(c.warnings).toEqual(['A and B were produced by different iomtsim commits: 4115ae8 vs be6e1c0; differences may come from the code, not the scenario']);
    expect(compareText(c, '/out')).toContain(`\nwarning: ${c.warnings[0]}\n`);
    expect(compareResults(built(null, '0.1.0'), built(null, '0.2.0')).warnings).toEqual(['A and B were produced by different iomtsim versions: 0.1.0 vs 0.2.0; differences may come from the code, not the scenario']);
    expect(compareResults(built('4115ae8'), built('4115ae8')).warnings).toEqual([]);
    expect(compareResults(built(null), built('4115ae8')).warnings).toEqual([]);
  });
});

describe('compare: the threshold as stated', () => {
  it('states a threshold given as a fraction in per cent', () => {
    const a = folderOf([98, 102, 99, 101]);
    const b = folderOf([103, 108, 103, 106]);
    const md = compareMarkdown(a, b, { title: 't', configurations: [...configurationsOf(a, 'A'), ...configurationsOf(b, 'B')] }, compareResults(a, b, { threshold: 0.05 }), []);
    expect(md).toContain('Significant changes smaller than 5 % are "within threshold" and do not fail.');
  });
});
