/**
 * summary.json (docs/results.md): per sweep point, statistics of every metric over the finished
 * replications, checks aggregated across replications, the scenario's expectations judged by its
 * `expectRule` (verdict.ts), and each replication's trace hash. Computed only from the sorted replication records, so
 * the same records give the same summary however they were produced (one worker or many, one
 * process or resumed, one machine or merged shards).
 */
import { parseCondition, type ExpectRule, type Scenario, type SweepParameters } from '../scenario/index.ts';
import { summarizeDistributions, type LatencyCdfSummary } from './latency-cdf.ts';
import { metricDomain, type Domain } from '../metrics/domain.ts';
import { summarizeValues, type MetricSummary } from './statistics.ts';
import type { ReplicationFailure, ReplicationRecord } from './types.ts';
import { judgeReplications, type Verdict } from './verdict.ts';

export type { UndefinedIn } from './verdict.ts';

export type RunStatus = 'running' | 'complete' | 'interrupted' | 'failed';

export interface CheckSummary {
  readonly name: string;
  readonly passed: boolean;
  readonly failedReplications: number;
  readonly n: number;
  readonly detail: string;
  /** The metric whose expectation, when the scenario states one, is this check's verdict (checkCounts). */
  readonly violationsMetric: string;
  /** Why no replication could have failed the check, where none could (its detail then says so too). */
  readonly couldNotFail?: string;
}

export interface ExpectationResult extends Verdict {
  readonly metric: string;
  readonly condition: string;
  /** Why it could not have failed either: the metric counts the violations of a check that could not fail. */
  readonly couldNotFail?: string;
}

export interface PointSummary {
  readonly parameters: SweepParameters;
  readonly n: number;
  readonly metrics: Record<string, MetricSummary>;
  readonly checks: readonly CheckSummary[];
  readonly expectations: readonly ExpectationResult[];
  readonly traceHashes: readonly string[];
  /** Per latency family, the replications' distributions averaged quantile by quantile (latency-cdf.ts); only when the model exports them. */
  readonly latency_cdf?: Record<string, LatencyCdfSummary>;
}

export interface Summary {
  readonly scenario: string;
  readonly status: RunStatus;
  readonly points: readonly PointSummary[];
  readonly failures: readonly ReplicationFailure[];
}

export interface PointInput {
  readonly parameters: SweepParameters;
  readonly scenario: Scenario;
}

export function compareRecords(a: { point: number; replication: number }, b: { point: number; replication: number }): number {
  return a.point - b.point || a.replication - b.replication;
}

function summarizeMetrics(records: readonly ReplicationRecord[]): Record<string, MetricSummary> {
  const values = new Map<string, { unit: string; values: number[] }>();
  for (const r of records) {
    for (const [name, m] of Object.entries(r.metrics)) {
      // A metric that is undefined in a run (NaN: e.g. a latency with no commits) is left out of
      // its statistics rather than poisoning the mean; its n says how many runs defined it.
      if (!Number.isFinite(m.value)) continue;
      const entry = values.get(name);
      if (entry) entry.values.push(m.value);
      else values.set(name, { unit: m.unit, values: [m.value] });
    }
  }
  const out: Record<string, MetricSummary> = {};
  for (const [name, { unit, values: v }] of values) out[name] = summarizeValues(name, unit, v);
  return out;
}

function summarizeChecks(records: readonly ReplicationRecord[]): CheckSummary[] {
  const checks = new Map<string, { failed: number; n: number; detail: string; violationsMetric: string; couldNotFail: string | undefined; couldNotFailIn: number }>();
  // couldNotFail: the first replication's reason; it stands for the point only if every replication gave one.
  for (const r of records) {
    for (const c of r.checks) {
      let entry = checks.get(c.name);
      if (!entry) {
        entry = { failed: 0, n: 0, detail: '', violationsMetric: c.violationsMetric ?? checkViolationsMetric(c.name), couldNotFail: c.couldNotFail, couldNotFailIn: 0 };
        checks.set(c.name, entry);
      }
      entry.n++;
      if (c.couldNotFail !== undefined) entry.couldNotFailIn++;
      if (!c.passed) {
        entry.failed++;
        if (entry.detail === '') entry.detail = `replication ${r.replication} (seed ${r.seed}): ${c.detail}`;
      }
    }
  }
  return [...checks].map(([name, e]) => {
    // A pass that no replication could have failed says so in its detail.
    const summary = { name, passed: e.failed === 0, failedReplications: e.failed, n: e.n, detail: e.detail, violationsMetric: e.violationsMetric };
    if (e.failed > 0 || e.couldNotFailIn < e.n) return summary;
    return { ...summary, detail: `could not fail: ${e.couldNotFail!}`, couldNotFail: e.couldNotFail! };
  });
}

/** Each replication's value of `metric`, in the records' order: NaN where a replication left it undefined or did not report it. */
export function replicationValues(records: readonly ReplicationRecord[], metric: string): number[] {
  return records.map((r) => {
    const value = r.metrics[metric]?.value;
    return typeof value === 'number' ? value : NaN;
  });
}

/** The values `metric` can take, by the unit `records` give it (any value where none has it). */
export function domainIn(records: readonly ReplicationRecord[], metric: string): Domain {
  return metricDomain(metric, records.find((r) => r.metrics[metric] !== undefined)?.metrics[metric]!.unit ?? '');
}

/** Each of the scenario's `expect:` conditions judged by `rule` over `records`, a point's replications. */
export function judgeExpectations(expect: Readonly<Record<string, string>>, rule: ExpectRule, records: readonly ReplicationRecord[]): ExpectationResult[] {
  return Object.entries(expect).map(([metric, condition]) => ({ metric, condition, ...judgeReplications(parseCondition(condition), rule, replicationValues(records, metric), domainIn(records, metric)) }));
}

/** An expectation on the violations of a check that could not fail could not have failed either (its metric stays 0). */
function withVacuity(expectations: readonly ExpectationResult[], checks: readonly CheckSummary[]): ExpectationResult[] {
  return expectations.map((e) => {
    const check = checks.find((c) => c.violationsMetric === e.metric && c.couldNotFail !== undefined);
    return check === undefined ? e : { ...e, couldNotFail: check.couldNotFail! };
  });
}

export function summarizePoint(point: PointInput, records: readonly ReplicationRecord[]): PointSummary {
  const sorted = [...records].sort(compareRecords);
  const metrics = summarizeMetrics(sorted);
  const latencyCdf = summarizeDistributions(sorted);
  const checks = summarizeChecks(sorted);
  return {
    parameters: point.parameters,
    n: sorted.length,
    metrics,
    checks,
    // A shard may hold no replication of a point (fewer replications than shards): there is nothing
    // to judge there, and the merged run judges the point on all of them.
    expectations: sorted.length === 0 ? [] : withVacuity(judgeExpectations(point.scenario.expect, point.scenario.expectRule, sorted), checks),
    traceHashes: sorted.map((r) => r.traceHash),
    ...(latencyCdf === undefined ? {} : { latency_cdf: latencyCdf }),
  };
}

export function buildSummary(
  scenarioName: string,
  status: RunStatus,
  points: readonly PointInput[],
  records: readonly ReplicationRecord[],
  failures: readonly ReplicationFailure[],
): Summary {
  const byPoint = points.map((): ReplicationRecord[] => []);
  for (const r of records) byPoint[r.point]?.push(r);
  return {
    scenario: scenarioName,
    status,
    points: points.map((p, i) => summarizePoint(p, byPoint[i]!)),
    failures: [...failures].sort(compareRecords),
  };
}

/**
 * The default metric that counts a check's violations, for checks that name none:
 * `safety` → `safety.violations`, `state-agreement` → `state_agreement.violations`.
 */
function checkViolationsMetric(checkName: string): string {
  return `${checkName.replaceAll('-', '_')}.violations`;
}

/**
 * Whether a point's check counts against the run. A scenario states its intended outcome in
 * `expect:`, and that outcome may be that a check detects the attack: a protocol run outside its
 * fault model expects safety violations, a tampered record store expects readers' proofs to fail.
 * When `expect:` names the metric that counts the check's violations, that expectation is the
 * verdict and the check's own failure is the evidence, not a failure of the run.
 */
export function checkCounts(point: PointSummary, check: CheckSummary): boolean {
  return !point.expectations.some((e) => e.metric === check.violationsMetric);
}

/** Whether the summary passes: no failed replication, no failed check that counts, no failed expectation. */
export function summaryPassed(summary: Summary): boolean {
  return (
    summary.failures.length === 0 &&
    summary.points.every((p) => p.checks.every((c) => c.passed || !checkCounts(p, c)) && p.expectations.every((e) => e.passed))
  );
}
