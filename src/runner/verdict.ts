/**
 * A condition judged over a point's replications: the scenario's expectations (summary.ts) and a
 * size search's SLOs (size.ts) alike, by the scenario's `expectRule` (src/scenario/conditions.ts).
 *
 * The default rule judges the mean alone. A mean that meets a bound says nothing of the spread
 * around it: five replications of a p99 at [194.7, 168.3, 180.0, 170.8, 191.6] ms average 181.1 and
 * meet `<= 185`, while two of them, and the mean's 95 % interval [166.3, 195.9], do not. So every
 * verdict carries, whatever its rule, the Student-t 95 % interval of the mean (Law, Simulation
 * Modeling and Analysis, 5th ed., §9.4.1: the replication/deletion approach) and how many
 * replications break the condition on their own. The `interval` rule asks that the whole interval
 * meet the condition; `every`, that each replication does. Both also ask the mean to, so they
 * never pass what `mean` fails (the interval holds the mean; for `!=` every replication can differ
 * from a value their mean equals).
 */
import { clampToDomain, type Domain } from '../metrics/domain.ts';
import { holds, holdsThroughout, type Condition, type ExpectRule } from '../scenario/index.ts';
import { meanInterval } from '../stats/index.ts';

/** How many of a point's replications left a metric undefined, where some did and others did not. */
export interface UndefinedIn {
  readonly replications: number;
  readonly of: number;
}

export interface Verdict {
  readonly rule: ExpectRule;
  /** The metric's mean over the replications that define it, or null when none does (not produced). */
  readonly observed: number | null;
  /** The Student-t 95 % interval of that mean, clamped to the metric's domain; null with fewer than 2 replications defining it (no spread to estimate). */
  readonly ci95: readonly [number, number] | null;
  /** Replications whose own value breaks the condition, those that left the metric undefined among them. */
  readonly failedReplications: number;
  /** Replications judged. */
  readonly n: number;
  readonly passed: boolean;
  /** Set when some replications left the metric undefined: the verdict then fails, whatever the rule. */
  readonly undefinedIn?: UndefinedIn;
}

/**
 * `condition` judged by `rule` on `values`, one per replication (not finite where the replication
 * left the metric undefined). The mean leaves out the undefined values, so it alone would judge only
 * the replications that defined the metric: a latency bound would pass on the seeds that committed
 * while another seed committed nothing. A replication without a value did not meet the condition;
 * so the verdict fails when any replication left the metric undefined, as it fails when none
 * defined it (not produced), and for every metric alike: a detection rate absent where an attack
 * compromised nothing is a replication that did not test the expectation. The interval is clamped
 * to `domain`, the values the metric can take (src/metrics/domain.ts): `ratio <= 1` under the
 * `interval` rule must not fail on an interval reaching past 1 that no mean could.
 */
export function judgeReplications(condition: Condition | undefined, rule: ExpectRule, values: readonly number[], domain: Domain): Verdict {
  const n = values.length;
  const defined = values.filter(Number.isFinite);
  const failedReplications = values.filter((v) => condition === undefined || !Number.isFinite(v) || !holds(condition, v)).length;
  if (defined.length === 0) return { rule, observed: null, ci95: null, failedReplications, n, passed: false };
  // Equal values give their value as the mean, and an interval of it alone (stats/descriptive.ts mean).
  const { mean, lo, hi } = meanInterval(defined);
  const ci95 = defined.length < 2 || !Number.isFinite(lo) || !Number.isFinite(hi) ? null : ([clampToDomain(lo, domain), clampToDomain(hi, domain)] as const);
  const verdict = { rule, observed: mean, ci95, failedReplications, n };
  if (defined.length < n) return { ...verdict, passed: false, undefinedIn: { replications: n - defined.length, of: n } };
  return { ...verdict, passed: condition !== undefined && holds(condition, mean) && ruleHolds(condition, rule, ci95, failedReplications) };
}

function ruleHolds(condition: Condition, rule: ExpectRule, ci95: readonly [number, number] | null, failedReplications: number): boolean {
  switch (rule) {
    case 'mean': return true;
    case 'interval': return ci95 !== null && holdsThroughout(condition, ci95[0], ci95[1]);
    case 'every': return failedReplications === 0;
  }
}

/** What a verdict was judged on, after "passed" or "FAILED": one wording for the terminal and the reports. */
export function ruleText(rule: ExpectRule): string {
  switch (rule) {
    case 'mean': return 'on the mean';
    case 'interval': return 'on the 95 % CI';
    case 'every': return 'replication by replication';
  }
}

/**
 * A verdict's mean as printed, and where some replications left the metric undefined why it failed
 * all the same: "125 where defined, undefined in 1 of 3 replications". One wording for the terminal,
 * the reports and `size`'s progress.
 */
export function meanWhereDefined(meanText: string, undefinedIn: UndefinedIn | undefined): string {
  return undefinedIn === undefined ? meanText : `${meanText} where defined, undefined in ${undefinedIn.replications} of ${undefinedIn.of} replications`;
}

/**
 * What follows a verdict's mean, whatever its rule: its interval, with `ends` as the caller printed
 * them, and how many replications break the condition: "95 % CI [166.3, 195.9], 2 of 5
 * replications break it", "no 95 % CI from 1 replication, 0 of 1 replications break it". Empty for
 * a verdict from before these were recorded.
 */
export function spreadText(verdict: { readonly observed: number | null; readonly failedReplications?: number | undefined; readonly n?: number | undefined; readonly undefinedIn?: UndefinedIn | undefined }, ends: readonly [string, string] | null): string {
  if (verdict.failedReplications === undefined || verdict.n === undefined) return '';
  const breaking = `${verdict.failedReplications} of ${verdict.n} replications break it`;
  if (verdict.observed === null) return breaking;
  const defined = verdict.n - (verdict.undefinedIn?.replications ?? 0);
  const interval = ends !== null ? `95 % CI [${ends[0]}, ${ends[1]}]` : defined < 2 ? `no 95 % CI from ${defined} replication` : 'no finite 95 % CI';
  return `${interval}, ${breaking}`;
}
