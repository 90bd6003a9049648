/**
 * The headline of a report: one short section per question the scenario can answer, each line a
 * sentence with the number, its interval and a verdict. The questions are the framework's (capacity
 * and latency; clinical alerts on both paths; the trust properties; attacks and their detection),
 * in that order, and a section appears only when the results hold a metric or check for it.
 *
 * A verdict is never invented: it comes from the scenario's own expectations on the line's metrics
 * (its SLOs), from a run check, or, for alerts, from the alert rule's own target (the within-target
 * ratio must be 1). A line with none of these says "no target stated".
 */
import { IN_TREE_ATTACKS } from '../../attacks/registry.ts';
import { clopperPearson } from '../../stats/index.ts';
import type { MetricSummary } from '../results/types.ts';
import { clampToDomain, metricDomain } from '../../metrics/domain.ts';
import { formatJudgedByAll, formatJudgedPercent, formatMeanCi, formatNumber, formatObserved } from './format.ts';
import { parseCondition } from '../../scenario/conditions.ts';
import { metricDoc, namePattern } from '../../metrics/catalog.ts';
import { DETECTOR_AREA } from './metric-names.ts';
import type { Configuration } from './report-input.ts';

/**
 * 'unjudged': the scenario states a target, but the check behind it could not fail in this run
 * (basis says why). 'miss': short of a target the model itself sets (an alert rule's), on which the
 * scenario states no expectation, so the run does not fail on it; 'fail' is kept for what fails it.
 */
export type Verdict = 'pass' | 'fail' | 'miss' | 'none' | 'unjudged';

export interface HeadlineLine {
  /** What the line is about: "Throughput", "Integrity", "record-tamper". */
  readonly topic: string;
  /** The sentence, numbers included. */
  readonly text: string;
  readonly verdict: Verdict;
  /** What the verdict rests on: "expect: consensus.throughput_tps >= 90: 99.8", "check iomt.integrity". */
  readonly basis: string;
}

export interface HeadlineSection {
  readonly id: 'capacity' | 'alerts' | 'trust' | 'attacks';
  readonly question: string;
  readonly lines: readonly HeadlineLine[];
}

/** A ratio in per cent, without the product's binary noise (100 × 0.92339 is 92.33900000000001). */
function percent(x: number): number {
  return Number((100 * x).toPrecision(15));
}

/** A ratio's summary in per cent, its interval first clamped to [0, 1] (src/metrics/domain.ts). */
function inPercent(metric: string, summary: MetricSummary): MetricSummary {
  const ci = summary.ci95;
  const scaled = (x: number | null): number | null => (x === null ? null : percent(clampToDomain(x, metricDomain(metric, summary.unit))));
  return { ...summary, unit: '%', mean: summary.mean === null ? null : percent(summary.mean), ci95: ci === null ? null : [scaled(ci[0]), scaled(ci[1])] };
}

/**
 * A ratio's numerator and denominator as count metrics (iomt.episodes_within_target of
 * iomt.episodes): summed over the replications, they say how many the ratio rests on.
 */
interface Tally {
  readonly successes: string;
  readonly trials: string;
  /** What the trials are, plural: "episodes". */
  readonly noun: string;
}

/** A count metric summed over the replications that gave it (its mean times their number); undefined where the results lack it. */
function summedCount(c: Configuration, metric: string): number | undefined {
  const s = c.point.metrics[metric];
  return s === undefined || s.mean === null ? undefined : Math.round(s.mean * s.n);
}

/**
 * "2 of 2 episodes (Clopper–Pearson 95 % interval 15.81–100 %)": a 100 % on two episodes is no
 * evidence that the next will be alerted in time, and the exact binomial interval says how little
 * (src/stats/binomial-interval.ts). Over several replications the counts are pooled. Undefined
 * where the results lack the counts (a results folder written before they were recorded).
 */
function tallyText(c: Configuration, tally: Tally): string | undefined {
  const k = summedCount(c, tally.successes);
  const n = summedCount(c, tally.trials);
  if (k === undefined || n === undefined) return undefined;
  const replications = c.point.metrics[tally.trials]!.n;
  const over = replications > 1 ? ` over ${replications} replications` : '';
  if (n === 0) return `0 of 0 ${tally.noun}${over}`;
  const { lo, hi } = clopperPearson(k, n);
  return `${k} of ${n} ${tally.noun}${over} (Clopper–Pearson 95 % interval ${formatNumber(percent(lo))}–${formatNumber(percent(hi))} %)`;
}

/** "99.8 [98.1, 101.5] tx/s", "97 [95, 99] %", or one value per configuration when a sweep or comparison has several; each with its tally where given. */
function valueText(configurations: readonly Configuration[], metric: string, tally?: Tally, targetBounds: readonly number[] = []): string {
  const one = (c: Configuration): string => {
    const value = meanCi(c);
    const counted = tally === undefined ? undefined : tallyText(c, tally);
    return counted === undefined ? value : `${value}, ${counted}`;
  };
  const meanCi = (c: Configuration): string => {
    const summary = c.point.metrics[metric]!;
    // The bounds of the expectations on this very metric: the mean must read on the side of each that
    // decided the line's verdict (92.3388 %, not 92.34 %, beside a failed >= 92.339 %).
    // The rule's own target judges it too where the line has one (a within-target ratio of 1): 0.99996 must not read 100 % beside a MISS.
    const bounds = [...c.point.expectations.filter((e) => e.metric === metric).map((e) => parseCondition(e.condition)?.value).filter((b): b is number => b !== undefined), ...targetBounds];
    if (summary.unit === 'ratio') {
      // Judged as a ratio, shown in per cent (formatJudgedPercent): never on a bound it missed.
      const meanText = bounds.length === 0 || summary.mean === null ? undefined : formatJudgedPercent(summary.mean, bounds);
      return formatMeanCi(metric, inPercent(metric, summary), { meanText, unitText: ' %', replications: c.point.n });
    }
    const unitText = summary.unit === '' || summary.unit === 'count' ? '' : ` ${summary.unit}`;
    const meanText = bounds.length === 0 || summary.mean === null ? undefined : formatJudgedByAll(summary.mean, bounds);
    return formatMeanCi(metric, summary, { meanText, unitText, replications: c.point.n });
  };
  const present = configurations.filter((c) => c.point.metrics[metric] !== undefined);
  if (present.length === 1 && configurations.length === 1) return one(present[0]!);
  return present.map((c) => `${c.label}: ${one(c)}`).join('; ');
}

function has(configurations: readonly Configuration[], metric: string): boolean {
  return configurations.some((c) => c.point.metrics[metric] !== undefined);
}

/**
 * The verdict of the scenario's expectations on any of `metrics`, or null when it states none. The
 * basis names the expectations that decided it, each with what it observed (a line can be judged
 * by another statistic than the one its sentence quotes): on a fail the ones that failed, on a pass
 * all of them.
 */
function expectationVerdict(configurations: readonly Configuration[], metrics: readonly string[]): { verdict: Verdict; basis: string } | null {
  const found = configurations.flatMap((c) => c.point.expectations.filter((e) => metrics.includes(e.metric)).map((e) => ({ c, e })));
  if (found.length === 0) return null;
  const passed = found.every(({ e }) => e.passed);
  const observedBy = new Map<string, string[]>();
  for (const { c, e } of passed ? found : found.filter(({ e }) => !e.passed)) {
    const key = `${e.metric} ${e.condition}`;
    const observed = formatObserved(e, parseCondition(e.condition)?.value);
    observedBy.set(key, [...(observedBy.get(key) ?? []), configurations.length > 1 ? `${c.label}: ${observed}` : observed]);
  }
  const decided = [...observedBy].map(([expectation, observed]) => `${expectation}: ${observed.join(', ')}`);
  return { verdict: passed ? 'pass' : 'fail', basis: `expect: ${decided.join('; ')}` };
}

function checkVerdict(configurations: readonly Configuration[], names: readonly string[]): { verdict: Verdict; basis: string } | null {
  const found = configurations.flatMap((c) => c.point.checks.filter((k) => names.includes(k.name)));
  if (found.length === 0) return null;
  return { verdict: found.every((k) => k.passed) ? 'pass' : 'fail', basis: `check ${[...new Set(found.map((k) => k.name))].join(', ')}` };
}

const NO_TARGET = { verdict: 'none', basis: 'no target stated' } as const;

interface LineSpec {
  readonly topic: string;
  /** The metric the sentence is about; the line is left out when no configuration has it. */
  readonly metric: string;
  /** The sentence around the value; a percentile's also says over how many replications (perRunPercentile). */
  readonly sentence: (value: string, configurations: readonly Configuration[]) => string;
  /** Further metrics whose expectations also decide the verdict. */
  readonly alsoExpected?: readonly string[];
  readonly checks?: readonly string[];
  /** The verdict when neither an expectation nor a check gives one. */
  readonly fallback?: (configurations: readonly Configuration[]) => { verdict: Verdict; basis: string };
  /** For a ratio, the counts it is made of, quoted after its value. */
  readonly tally?: Tally;
  /** The bound of the model's own target that `fallback` judges the metric against, where it has one. */
  readonly targetBound?: number;
}

/**
 * No verdict where the line's check could not have failed in any configuration (a liveness check
 * in a run no longer than its bound): an expectation on its violations could not fail either.
 */
function couldNotFail(configurations: readonly Configuration[], names: readonly string[]): { verdict: Verdict; basis: string } | null {
  const found = configurations.flatMap((c) => c.point.checks.filter((k) => names.includes(k.name)));
  if (found.length === 0 || !found.every((k) => k.couldNotFail !== undefined)) return null;
  return { verdict: 'unjudged', basis: `could not fail: ${found[0]!.couldNotFail!}` };
}

function lineOf(configurations: readonly Configuration[], spec: LineSpec): HeadlineLine | null {
  if (!has(configurations, spec.metric)) return null;
  const judged =
    couldNotFail(configurations, spec.checks ?? []) ??
    expectationVerdict(configurations, [spec.metric, ...(spec.alsoExpected ?? [])]) ??
    checkVerdict(configurations, spec.checks ?? []) ??
    spec.fallback?.(configurations) ??
    NO_TARGET;
  return { topic: spec.topic, text: spec.sentence(valueText(configurations, spec.metric, spec.tally, spec.targetBound === undefined ? [] : [spec.targetBound]), configurations), ...judged };
}

/**
 * Every episode was alerted within its rule's target: the within-target ratio is 1 in every
 * configuration. A rule's target is the model's, not the scenario's: short of it is a miss, not a
 * failure of the run, which a scenario that means it states as an expectation. With no episode
 * scored anywhere (the ratio undefined) nothing could miss it: not judged, never a pass.
 */
/** The rule target a within-target ratio is judged against: every scored episode alerted within its rule's target. */
export const WITHIN_TARGET_RATIO = 1;

function allWithinTarget(metric: string) {
  return (configurations: readonly Configuration[]): { verdict: Verdict; basis: string } => {
    const means = configurations.map((c) => c.point.metrics[metric]?.mean).filter((m): m is number => typeof m === 'number');
    if (means.length === 0) return { verdict: 'unjudged', basis: 'could not fail: no clinical episode was scored (iomt.episodes = 0; iomt.episodes_unwatched, iomt.episodes_shorter_than_hold, iomt.episodes_undersampled and iomt.episodes_unobservable say why)' };
    const met = means.every((m) => m >= WITHIN_TARGET_RATIO);
    return met
      ? { verdict: 'pass', basis: `every episode alerted within its rule's target (${metric} = ${WITHIN_TARGET_RATIO})` }
      : { verdict: 'miss', basis: `every episode alerted within its rule's target (${metric} = ${WITHIN_TARGET_RATIO}), the rule's target and no expectation of the scenario's (expect: ${metric}: == ${WITHIN_TARGET_RATIO} makes it one)` };
  };
}

const LATENCY_STATISTICS = ['mean', 'p50', 'p95', 'p99', 'max'] as const;

/**
 * The statistics of a latency family other than `metric` (a family name alone: all of them): an
 * expectation on any of them judges the line that quotes one (docs/reports.md).
 */
function sameFamily(metric: string): string[] {
  const last = metric.slice(metric.lastIndexOf('.') + 1);
  const family = (LATENCY_STATISTICS as readonly string[]).includes(last) ? metric.slice(0, metric.lastIndexOf('.')) : metric;
  return LATENCY_STATISTICS.map((s) => `${family}.${s}`).filter((m) => m !== metric);
}

/**
 * "averaged over 3 replications", "in one replication", "averaged over 2 to 5 replications per
 * configuration": how many per-run values the mean of `metric` is over (those that define it).
 */
function replicationsAveraged(configurations: readonly Configuration[], metric: string): string {
  const counts = [...new Set(configurations.map((c) => c.point.metrics[metric]?.n).filter((n): n is number => n !== undefined))].sort((x, y) => x - y);
  if (counts.length > 1) return `averaged over ${counts[0]} to ${counts[counts.length - 1]} replications per configuration`;
  return counts[0] === 1 ? 'in one replication' : `averaged over ${counts[0]} replications`;
}

/**
 * A latency percentile's line. Each replication reports its own percentile and the value is their
 * mean, so the sentence says so: the mean of per-run 99th percentiles is not a latency that 99 % of
 * all the transactions met (consortium.yaml offered 12,617 tx/s for 10 s, five replications: 93.2 %
 * of the transactions they committed were within the mean of their p99s, 265.1 ms), and it moves
 * with each run's length (docs/results.md).
 * `what` ends with what the percentile is over ("over the transactions committed").
 */
function perRunPercentile(topic: string, metric: string, what: string, after = ''): LineSpec {
  const rank = `${Number(metric.slice(metric.lastIndexOf('.p') + 2))}th percentile`;
  return {
    topic,
    metric,
    sentence: (v, configurations) => {
      const over = replicationsAveraged(configurations, metric);
      return `${over.startsWith('in ') ? `The ${rank}` : `Per-run ${rank}`} of ${what}, ${over}: ${v}${after}.`;
    },
    alsoExpected: sameFamily(metric),
  };
}

const CAPACITY_LINES: readonly LineSpec[] = [
  // Offered load is judged on its own line: clients offering enough says nothing of what committed.
  { topic: 'Throughput', metric: 'consensus.throughput_tps', sentence: (v) => `The consortium committed ${v}.` },
  { topic: 'Offered load', metric: 'consensus.offered_tps', sentence: (v) => `Clients offered ${v}.` },
  perRunPercentile('Client latency', 'consensus.client_latency_ms.p99', 'the time from submission to confirmation at the client, over the transactions confirmed', ' (the throughput and offered load above say how many were)'),
  perRunPercentile('Commit latency', 'consensus.commit_latency_ms.p99', 'the time from submission to commit, over the transactions committed'),
  // A latency percentile describes what completed; the line before it says how much did.
  { topic: 'Readings stored', metric: 'iomt.readings_durable_ratio', sentence: (v) => `${v} of the readings gateways accepted were durable off chain by the end of the run.` },
  perRunPercentile('Readings stored p99', 'iomt.durable_latency_ms.p99', 'the time from sampling to durable off chain, over the readings made durable'),
  { topic: 'Readings anchored', metric: 'iomt.readings_anchored_ratio', sentence: (v) => `${v} of the readings gateways accepted had their hash anchored on chain by the end of the run.` },
  perRunPercentile('Readings anchored p99', 'iomt.anchor_latency_ms.p99', 'the time from sampling to the hash on chain, over the readings anchored'),
  { topic: 'Readings lost', metric: 'iomt.readings_lost', sentence: (v) => `${v} readings sent to a gateway (attackers' included) never reached it (radio loss, partitions, a gateway down, full queues).` },
  { topic: 'Access decisions', metric: 'iomt.access_decided_ratio', sentence: (v) => `${v} of the access requests submitted were decided by the end of the run.` },
  perRunPercentile('Access decisions p99', 'iomt.access_decision_latency_ms.p99', 'the time to decide an access request, over the requests decided'),
  { topic: 'PoW throughput', metric: 'pow.throughput_tps', sentence: (v) => `The proof-of-work chain confirmed ${v}.` },
  { topic: 'Stale blocks', metric: 'pow.stale_rate', sentence: (v) => `${v} of mined blocks went stale.` },
];

const ALERT_LINES: readonly LineSpec[] = [
  {
    topic: 'Direct path',
    metric: 'iomt.alert_within_target_ratio',
    sentence: (v) => `Clinical episodes alerted straight to the care team within their rule's target (one never alerted is a miss): ${v}.`,
    alsoExpected: sameFamily('iomt.alert_latency_ms'),
    fallback: allWithinTarget('iomt.alert_within_target_ratio'),
    targetBound: WITHIN_TARGET_RATIO,
    tally: { successes: 'iomt.episodes_within_target', trials: 'iomt.episodes', noun: 'episodes' },
  },
  perRunPercentile('Direct path p95', 'iomt.alert_latency_ms.p95', "the time from an episode's onset to its alert at the care team (the rule's hold included), over the episodes alerted on this path"),
  {
    topic: 'On-chain path',
    metric: 'iomt.alert_within_target_onchain_ratio',
    sentence: (v) => `Clinical episodes known to the care team as recorded through the EmergencyAlert contract within target (one never recorded is a miss): ${v}.`,
    alsoExpected: sameFamily('iomt.alert_latency_onchain_ms'),
    fallback: allWithinTarget('iomt.alert_within_target_onchain_ratio'),
    targetBound: WITHIN_TARGET_RATIO,
    tally: { successes: 'iomt.episodes_within_target_onchain', trials: 'iomt.episodes', noun: 'episodes' },
  },
  perRunPercentile('On-chain path p95', 'iomt.alert_latency_onchain_ms.p95', "the time from an episode's onset to the care team knowing its alert was recorded on chain, over the episodes recorded"),
  {
    topic: 'Episodes alerted',
    metric: 'iomt.episodes_alerted_ratio',
    sentence: (v) => `Clinical episodes that raised an alert, however late: ${v}.`,
    tally: { successes: 'iomt.episodes_alerted', trials: 'iomt.episodes', noun: 'episodes' },
  },
  {
    topic: 'Episodes recorded',
    metric: 'iomt.episodes_alerted_onchain_ratio',
    sentence: (v) => `Clinical episodes whose alert the care team knew to be recorded on chain by the end of the run: ${v}.`,
    tally: { successes: 'iomt.episodes_alerted_onchain', trials: 'iomt.episodes', noun: 'episodes' },
  },
];

/**
 * A sentence that says what the metric counts in the catalog's own words, so that the headline
 * cannot describe a count more narrowly than the metric is defined (a transaction committed twice
 * is a validity violation, not only one no client submitted).
 */
function catalogSentence(metric: string): (value: string) => string {
  const meaning = metricDoc(metric)?.meaning;
  if (meaning === undefined) throw new Error(`headline: the metric catalog has no entry for ${metric}`);
  return (v) => `${v} ${meaning}.`;
}

const TRUST_LINES: readonly LineSpec[] = [
  { topic: 'Integrity', metric: 'iomt.integrity_checks_invalid', sentence: (v) => `${v} record reads failed their Merkle proof against the anchored root.`, checks: ['iomt.integrity'] },
  { topic: 'Consent', metric: 'iomt.consent_violations', sentence: (v) => `${v} records were served on a permit decided after its consent was revoked or expired.`, checks: ['iomt.consent_enforced'] },
  { topic: 'Audit', metric: 'iomt.audit_completeness_ratio', sentence: (v) => `${v} of records served have their access in the committed audit log.`, checks: ['iomt.audit_complete'] },
  { topic: 'No health data on chain', metric: 'iomt.phi_bytes_on_chain', sentence: (v) => `${v} of committed call arguments look like health data.`, checks: ['iomt.no_phi_on_chain'] },
  { topic: 'Ledger safety', metric: 'safety.violations', sentence: catalogSentence('safety.violations'), checks: ['safety'] },
  { topic: 'Ledger liveness', metric: 'liveness.violations', sentence: (v) => `${v} stalls while work waited.`, checks: ['liveness'] },
  { topic: 'Validity', metric: 'validity.violations', sentence: catalogSentence('validity.violations'), checks: ['validity'] },
];

/** The attack types the scenario of any configuration declares, in first-seen order. */
function attackTypes(configurations: readonly Configuration[]): string[] {
  const types = new Set<string>();
  for (const c of configurations) {
    const attacks = c.scenario['attacks'];
    if (!Array.isArray(attacks)) continue;
    for (const a of attacks) if (a !== null && typeof a === 'object' && typeof (a as Record<string, unknown>)['type'] === 'string') types.add((a as Record<string, string>)['type']!);
  }
  return [...types];
}

/** The metric names of the results that an outcome name (with `<detector>` placeholders) stands for. */
function metricsMatching(configurations: readonly Configuration[], pattern: string): string[] {
  const re = namePattern(pattern);
  return [...new Set(configurations.flatMap((c) => Object.keys(c.point.metrics).filter((m) => re.test(m))))].sort();
}

/**
 * Each attack of the scenario with the outcomes its definition names (measured against the
 * attack's ground truth), then every detector's detection and false-positive rates.
 */
function attackLines(configurations: readonly Configuration[]): HeadlineLine[] {
  const lines: HeadlineLine[] = [];
  const shown = new Set<string>();
  const add = (topic: string, metric: string): void => {
    if (shown.has(metric)) return;
    const line = lineOf(configurations, { topic, metric, sentence: (v) => `${v}: ${metricDoc(metric)?.meaning ?? metric} (\`${metric}\`).` });
    if (line === null) return;
    shown.add(metric);
    lines.push(line);
  };
  for (const type of attackTypes(configurations)) {
    const outcomes = ATTACK_OUTCOMES.get(type) ?? [];
    for (const outcome of outcomes) for (const metric of metricsMatching(configurations, outcome)) add(type, metric);
  }
  for (const metric of metricsMatching(configurations, `${DETECTOR_AREA}.<detector>.detection_rate`)) add(`detector ${metric.split('.')[1]!}`, metric);
  for (const metric of metricsMatching(configurations, `${DETECTOR_AREA}.<detector>.false_positive_rate`)) add(`detector ${metric.split('.')[1]!}`, metric);
  return lines;
}

/** The outcome metrics each in-tree attack's definition names. */
const ATTACK_OUTCOMES: ReadonlyMap<string, readonly string[]> = new Map(IN_TREE_ATTACKS.map((d) => [d.type, d.outcomes]));

function section(id: HeadlineSection['id'], question: string, lines: readonly (HeadlineLine | null)[]): HeadlineSection | null {
  const kept = lines.filter((l): l is HeadlineLine => l !== null);
  return kept.length === 0 ? null : { id, question, lines: kept };
}

/** The headline sections these results can answer, in the framework's order. */
export function headlineSections(configurations: readonly Configuration[]): HeadlineSection[] {
  const specs = (list: readonly LineSpec[]) => list.map((s) => lineOf(configurations, s));
  return [
    section('capacity', 'Does the ledger carry the load, and how fast?', specs(CAPACITY_LINES)),
    section('alerts', 'Do clinical alerts reach the care team within their target?', specs(ALERT_LINES)),
    section('trust', 'Do integrity, consent, audit and the ledger hold?', specs(TRUST_LINES)),
    section('attacks', 'What did the attacks achieve, and were they detected?', attackLines(configurations)),
  ].filter((s): s is HeadlineSection => s !== null);
}
