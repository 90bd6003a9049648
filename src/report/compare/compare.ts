/**
 * Differences between two results folders, point by point and metric by metric, tested over the
 * replications in replications.jsonl: paired on the replication seeds both runs used, when they
 * share two or more (the replications of one seed in A and B saw the same random workload, so
 * their difference cancels most of the noise), unpaired otherwise; each by its exact permutation
 * test where the arrangements are few enough to enumerate, by the paired or Welch's t-test beyond
 * (runTest); Holm's
 * correction across the tests (many metrics are compared at once; uncorrected, one in twenty would
 * look significant by chance), leaving out metrics identical in A and B, which no test could find
 * different (Tarone 1990). Checks that held in A and failed in B fail the comparison too,
 * whatever the metrics say, and so do expectations whose breach single replications decide
 * (`== 0`, or any under expectRule `every`); an expectation on a bound inside its metric's range
 * (`p99 <= 185`) that B broke fails it only where that metric's own test, one-sided toward the
 * breach and outside Holm's family, finds the change significant (resolveBreaches).
 */
import { ResultsError } from '../errors.ts';
import { REPLICATIONS_FILE, SUMMARY_FILE } from '../results/load.ts';
import type { ExpectationOutcome, ResultsFolder, SummaryPoint } from '../results/types.ts';
import {
  allAgree,
  binomialCoefficient,
  holmAdjust,
  MAX_RELABELLINGS,
  mean,
  MAX_SIGN_FLIP_PAIRS,
  pairedDifferenceInterval,
  pairedRatioInterval,
  pairedTTest,
  pairsAgree,
  relabellingFloor,
  relabellingTest,
  signFlipFloor,
  signFlipTest,
  welchDifferenceInterval,
  welchRatioInterval,
  welchTTest,
} from '../../stats/index.ts';
import { metricDomain } from '../../metrics/domain.ts';
import { formatJudgedEnds, formatObserved, formatPValue } from '../model/format.ts';
import { inValueOrder } from '../model/parameter-scale.ts';
import { parseCondition, type Condition } from '../../scenario/conditions.ts';
import { betterDirection, type Direction } from './direction.ts';
import { pointLabel, selectPoint, type PointSelector } from './point-selector.ts';
import { join } from 'node:path';

export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * `within threshold`: significant, but the relative change is smaller than the threshold asked
 * for, so it does not fail the comparison. `untested`: a side has fewer than two values of the
 * metric (it was not produced in every replication), so no test could say whether it changed.
 * `identical`: A and B gave the same values (every paired difference zero, or unpaired both sides
 * the same constant, within NO_SPREAD_TOLERANCE): p = 1 whatever the replications, so the metric
 * is left out of Holm's family (holmFamily). `not significant`: tested, and no significant
 * difference found, which is not evidence that nothing changed (deltaCi95 says how large a change
 * the replications leave possible).
 */
export type Verdict = 'better' | 'worse' | 'changed' | 'within threshold' | 'not significant' | 'identical' | 'untested';

/** Paired on shared replication seeds, or unpaired (independent samples): SeedPlan. */
export type StatisticalTest = 'paired' | 'unpaired';

/**
 * How a metric's p was found (runTest): `exact permutation` by enumerating every arrangement (or,
 * beyond the enumeration limit, samples with no spread, whose p has a closed form:
 * src/stats/no-spread.ts), else the paired t-test or Welch's t-test.
 */
export type TestMethod = 'exact permutation' | 'paired t' | 'Welch t';

/**
 * The version of comparison.json's shape: the first, unversioned one had `noSpread` and `test`
 * 'welch'; /2 had no `deltaCi95`, `relativeCi95` or `boundsCrossed`, called `not significant`
 * 'same', and counted every expectation that held in A and failed in B as a regression; /3 gave
 * `relativeCi95` as `deltaCi95` over |meanA|, never null where meanA was not 0.
 */
export const COMPARISON_FORMAT = 'iomtsim-comparison/4' as const;

export interface CompareOptions {
  /** Significant changes with |relative| below this fraction are not failures (0.05 = 5 %). */
  readonly threshold?: number;
  /**
   * Compare one point of A with one point of B (point-selector.ts), whatever their parameters,
   * instead of every point of A with the point of B of equal parameters; a side without a
   * selector must have one point.
   */
  readonly points?: { readonly a?: PointSelector | undefined; readonly b?: PointSelector | undefined };
}

export interface MetricDifference {
  readonly pointLabel: string;
  readonly metric: string;
  readonly unit: string;
  /** Means over the values tested (nA, nB): with the paired test, the replications both sides produced the metric in. */
  readonly meanA: number;
  readonly meanB: number;
  /** B − A */
  readonly delta: number;
  /** (B − A) / |A|; null when A is 0 */
  readonly relative: number | null;
  /**
   * The 95 % interval of `delta`: paired, the paired-t interval of the differences B − A by seed;
   * unpaired, Welch's (differenceInterval). One metric's own interval, not corrected for the many
   * compared: it can exclude 0 where the exact test, Holm-corrected, finds nothing significant.
   * Null when untested.
   */
  readonly deltaCi95: readonly [number, number] | null;
  /**
   * The 95 % interval of `relative`: Fieller's interval of meanB / meanA by the design's t-test,
   * less 1 (relativeInterval), which allows for A's mean's own error; null when untested or where
   * A's mean does not differ significantly from 0 (the ratio is then unbounded).
   */
  readonly relativeCi95: readonly [number, number] | null;
  readonly nA: number;
  readonly nB: number;
  /**
   * Replications of A (B) at the point that produced the metric, tested or not: the means of the
   * report's side-by-side tables are over these, so they differ from meanA where the test leaves
   * replications out (seeds only one run used, or the one seed both used, SeedUse).
   */
  readonly nProducedA: number;
  readonly nProducedB: number;
  /** Null when a side has fewer than two values of this metric. */
  readonly test: StatisticalTest | null;
  /** Null when untested. */
  readonly method: TestMethod | null;
  /**
   * With the exact permutation test: the equally likely arrangements under no change (2^n sign
   * patterns of n paired differences, or C(nA + nB, nA) splits of the pooled values) and how many of
   * them are as extreme as the observed one; pValue is their ratio. Null otherwise.
   */
  readonly arrangements: number | null;
  readonly asExtreme: number | null;
  /** The t statistic; null unless `method` is a t-test. */
  readonly t: number | null;
  /** Degrees of freedom; null unless `method` is a t-test, as `t`. */
  readonly df: number | null;
  readonly pValue: number | null;
  /** Holm-adjusted p-value; null when untested or identical (not in Holm's family: holmFamily). */
  readonly pAdjusted: number | null;
  readonly significant: boolean;
  readonly direction: Direction;
  readonly verdict: Verdict;
}

/**
 * How the runs' replication seeds (manifest.json `replicationSeeds`) meet. Two or more shared: the
 * paired test on those, the replications of seeds only one run used left out. One shared: too few
 * to pair, and the two samples would not be independent with it in both, so the unpaired test
 * leaves its replication out of the run with more replications (of B when they have as many).
 * None: the unpaired test on every replication.
 */
export interface SeedUse {
  /** Replication seeds both runs used. */
  readonly shared: number;
  /** Seeds only A used (left out of the paired test; in the unpaired one). */
  readonly onlyA: number;
  readonly onlyB: number;
  /** The unpaired test with one shared seed: the run whose replication of that seed is left out; else null. */
  readonly sharedLeftOutOf: 'A' | 'B' | null;
}

/**
 * A check (every replication passed it in A, some failed it in B) or an expectation (held in A,
 * not in B, under the scenario's expectRule) of a paired point that B broke, which fails the
 * comparison: a check, or an expectation whose breach single replications decide
 * (breachIsOutright), whatever the metrics say, since a metric test over a few replications can
 * miss what they state outright; an expectation on a bound inside its metric's range only where
 * the metric's own test finds B significantly different in the direction of the breach
 * (pTowardBreach below SIGNIFICANCE_LEVEL; else it is a BoundCrossed).
 */
export interface CheckRegression {
  readonly pointLabel: string;
  readonly kind: 'check' | 'expectation';
  /** The check's name, or the expectation as `metric condition`. */
  readonly name: string;
  /** What A and B showed: replications passed or failed (with the check's detail), or the mean observed. */
  readonly inA: string;
  readonly inB: string;
}

/**
 * An expectation on a bound inside its metric's range (`consensus.commit_latency_ms.p99 <= 185`)
 * that held in A and not in B under the scenario's expectRule (`mean`: B's mean crossed the bound;
 * `interval`: B's 95 % CI reaches past it, its mean possibly still inside), where the metric's own
 * test found no significant difference in that direction: crossed the bound, difference not
 * significant. Listed, not a failure of the comparison: a mean or interval near its bound crosses
 * it by chance, and the replications do not show that B differs from A (B's own run fails on it
 * all the same).
 */
export interface BoundCrossed {
  readonly pointLabel: string;
  /** The expectation as `metric condition`. */
  readonly name: string;
  /** The mean observed: `held (mean 181.4)`, `failed (mean 193.3)`. */
  readonly inA: string;
  readonly inB: string;
  /** The metric's test (MetricDifference): raw two-sided and Holm-adjusted p (null where identical in A and B). */
  readonly pValue: number;
  readonly pAdjusted: number | null;
  /** The p the gate judged: the metric's test one-sided toward the breach (oneSidedPTowardBreach). */
  readonly pTowardBreach: number;
}

export interface Comparison {
  /** Paired when the runs share two or more replication seeds (on those), else unpaired. */
  readonly test: StatisticalTest;
  readonly seeds: SeedUse;
  /** As given in CompareOptions (0 when none). */
  readonly threshold: number;
  /**
   * No metric with a better direction (the catalog's `better`) got significantly worse beyond the
   * threshold, and no check or expectation regressed (boundsCrossed do not count).
   */
  readonly passed: boolean;
  readonly differences: readonly MetricDifference[];
  /** Points of one run with no counterpart of equal parameters in the other. */
  readonly unmatched: readonly string[];
  /**
   * Metrics of a paired point that one side never produced (no value in any of its replications: a
   * latency family with no sample), as `point: metric (only in A|B)`; with the paired test, those
   * both produced but never in the same replication, as `point: metric (never in the same
   * replication of A and B)`; unpaired on one shared seed, those a side has only in the
   * replication left out, as `point: metric (in A|B only in the replication left out (its seed is in
   * both runs))`: not compared, and not silently so (uncomparedReason).
   */
  readonly uncompared: readonly string[];
  /** Checks and expectations that held in A and failed in B, failing the comparison (CheckRegression). */
  readonly regressions: readonly CheckRegression[];
  /** Expectations whose bound B's mean crossed with no significant difference (BoundCrossed): not failures. */
  readonly boundsCrossed: readonly BoundCrossed[];
  readonly worse: number;
  readonly better: number;
  /**
   * What the reader must know to read the numbers (runWarnings, scenarioWarnings): a side that is
   * not a complete run (interrupted, still running or killed, or with failed replications), whose
   * tests cover only the replications that finished; runs of different scenarios or protocols,
   * compared all the same (comparing two designs is what compare is for), but not silently; runs
   * of different code (codeWarnings).
   */
  readonly warnings: readonly string[];
}

function canonical(parameters: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(parameters).sort().map((k) => [k, parameters[k]]));
}

/** The metric's value per replication seed at one point, in replication order, over the seeds given (all without). */
function valuesBySeed(folder: ResultsFolder, pointIndex: number, metric: string, seeds?: ReadonlySet<number>): Map<number, number> {
  const values = new Map<number, number>();
  for (const record of folder.replications) {
    const value = record.point === pointIndex && (seeds?.has(record.seed) ?? true) ? record.metrics[metric]?.value : undefined;
    if (typeof value === 'number') values.set(record.seed, value);
  }
  return values;
}

/**
 * A run's replication seeds: those of the replications it recorded (replications.jsonl), not the
 * manifest's `replicationSeeds`, which also lists the seeds of replications an interrupted run never
 * ran and of replications that failed: counted as "left out" or paired on, they would describe
 * replications that do not exist.
 */
function replicationSeedsOf(folder: ResultsFolder): Set<number> {
  return new Set(folder.replications.map((record) => record.seed));
}

/** The minimum of shared seeds the paired test needs: a difference's spread takes two. */
const MIN_PAIRED_SEEDS = 2;

/**
 * Which test, and on which seeds of each side (SeedUse): the replications of a seed not in a
 * side's set are not read at all, so the means, counts and test all see the same samples.
 */
interface SeedPlan {
  readonly test: StatisticalTest;
  readonly use: SeedUse;
  readonly seedsA: ReadonlySet<number>;
  readonly seedsB: ReadonlySet<number>;
}

function seedPlan(a: ResultsFolder, b: ResultsFolder): SeedPlan {
  const allA = replicationSeedsOf(a);
  const allB = replicationSeedsOf(b);
  const shared = new Set([...allA].filter((seed) => allB.has(seed)));
  const counts = { shared: shared.size, onlyA: allA.size - shared.size, onlyB: allB.size - shared.size };
  if (shared.size >= MIN_PAIRED_SEEDS) return { test: 'paired', use: { ...counts, sharedLeftOutOf: null }, seedsA: shared, seedsB: shared };
  if (shared.size === 0) return { test: 'unpaired', use: { ...counts, sharedLeftOutOf: null }, seedsA: allA, seedsB: allB };
  // One shared seed: with it on both sides the samples would share a replication's randomness, which
  // the unpaired tests assume they do not; the side with more replications can best spare it.
  const side = allA.size > allB.size ? 'A' : 'B';
  const without = (seeds: Set<number>) => new Set([...seeds].filter((seed) => !shared.has(seed)));
  return {
    test: 'unpaired',
    use: { ...counts, sharedLeftOutOf: side },
    seedsA: side === 'A' ? without(allA) : allA,
    seedsB: side === 'B' ? without(allB) : allB,
  };
}

interface Samples {
  readonly a: number[];
  readonly b: number[];
}

/** Paired: the values of the seeds both sides have, in the same order. Unpaired: every value. */
function samplesFor(test: StatisticalTest, a: Map<number, number>, b: Map<number, number>): Samples {
  if (test === 'unpaired') return { a: [...a.values()], b: [...b.values()] };
  const shared = [...a.keys()].filter((seed) => b.has(seed));
  return { a: shared.map((seed) => a.get(seed) as number), b: shared.map((seed) => b.get(seed) as number) };
}

type TestOutcome = Pick<MetricDifference, 'method' | 'arrangements' | 'asExtreme' | 't' | 'df'> & { readonly pValue: number };

/**
 * The exact permutation test where its arrangements can be enumerated cheaply (src/stats/permutation.ts:
 * up to 16 pairs, 50,000 splits), the t-test beyond; null when a side has fewer than two values.
 * A t-test at few degrees of freedom turns differences that agree to three digits into a t in the
 * thousands and p near 0 (two replications differing by −1 and −0.999: p = 0.00016), while equal
 * differences have no t at all; the permutation p is exact for both, and the same for both (0.5)
 * (Good, Permutation, Parametric and Bootstrap Tests of Hypotheses, 2005; docs/references.md §12).
 * Beyond the limit, samples with no spread still get the exact p in closed form (src/stats/no-spread.ts).
 */
function runTest(test: StatisticalTest, a: readonly number[], b: readonly number[]): TestOutcome | null {
  const exact = test === 'paired' ? signFlipTest(a, b) : relabellingTest(a, b);
  if (exact !== null) return { method: 'exact permutation', pValue: exact.pValue, arrangements: exact.arrangements, asExtreme: exact.asExtreme, t: null, df: null };
  const result = test === 'paired' ? pairedTTest(a, b) : welchTTest(a, b);
  if (result === null) return null;
  if (result.kind === 't') return { method: test === 'paired' ? 'paired t' : 'Welch t', pValue: result.pValue, arrangements: null, asExtreme: null, t: result.t, df: result.df };
  const arrangements = test === 'paired' ? 2 ** a.length : binomialCoefficient(a.length + b.length, a.length);
  return { method: 'exact permutation', pValue: result.pValue, arrangements, asExtreme: Math.round(result.pValue * arrangements), t: null, df: null };
}

/**
 * The 95 % interval of the difference of means B − A, by the t-test that goes with the design: the
 * exact permutation test gives a p but no interval, and "not significant" alone says nothing of how
 * large a change the replications leave possible (consortium.yaml, batchSize 10 against 11, five
 * paired replications: commit latency mean +5.27 ms, higher in every pair, p = 0.0625, the smallest
 * five pairs allow; the paired-t interval [4.45, 6.09] ms). Null with fewer than two values on a
 * side, as the test.
 */
function differenceInterval(test: StatisticalTest, a: readonly number[], b: readonly number[]): readonly [number, number] | null {
  return test === 'paired' ? pairedDifferenceInterval(a, b) : welchDifferenceInterval(a, b);
}

/**
 * The 95 % interval of (B − A) / |A| over the means: Fieller's interval of mean(B) / mean(A) by
 * the design's t-test (src/stats/fieller.ts), less 1, mirrored where A's mean is negative. Null
 * where A's mean does not differ significantly from 0, the ratio then being unbounded.
 */
function relativeInterval(test: StatisticalTest, a: readonly number[], b: readonly number[]): readonly [number, number] | null {
  const ratio = test === 'paired' ? pairedRatioInterval(a, b) : welchRatioInterval(a, b);
  if (ratio === null) return null;
  return mean(a) > 0 ? [ratio[0] - 1, ratio[1] - 1] : [1 - ratio[1], 1 - ratio[0]];
}

/** The most arrangements an exact test enumerates, for the page's account of the method. */
export const ENUMERATION_LIMITS = { pairs: MAX_SIGN_FLIP_PAIRS, splits: MAX_RELABELLINGS } as const;

/** Every paired difference zero, or unpaired every value of both the same (within NO_SPREAD_TOLERANCE). */
function identicalInAAndB(test: StatisticalTest, a: readonly number[], b: readonly number[]): boolean {
  return test === 'paired' ? pairsAgree(a, b) : allAgree(a, b);
}

function requireReplications(folder: ResultsFolder): void {
  if (!folder.hasReplicationsFile) {
    throw new ResultsError(join(folder.dir, REPLICATIONS_FILE), '', 'the file to exist (a comparison tests replications)', 'no such file');
  }
}

/** Why a run has fewer replications than it planned, for a message about its count, or ''. */
function incompleteNote(folder: ResultsFolder): string {
  const status = folder.manifest.status;
  const failed = folder.summary.failures.length;
  const failures = failed === 0 ? '' : `${failed} replication${failed === 1 ? '' : 's'} failed (summary.json failures)`;
  if (status === 'complete' && failed === 0) return '';
  return ` (the run's status is '${status}'${failures === '' ? '' : `: ${failures}`})`;
}

/**
 * A test needs each side's spread: a side with one replication at a point would test nothing.
 * Counted first over every replication a side recorded at the point (`seeds` absent), so the side
 * that is short is the one named, then over the replications the test reads (`seeds`), saying how
 * many it leaves out.
 */
function requireTwoReplications(folder: ResultsFolder, pointIndex: number, label: string, seeds?: ReadonlySet<number>): void {
  const atPoint = folder.replications.filter((record) => record.point === pointIndex);
  const count = atPoint.filter((record) => seeds?.has(record.seed) ?? true).length;
  if (count < 2) {
    const leftOut = atPoint.length - count;
    throw new ResultsError(
      join(folder.dir, REPLICATIONS_FILE),
      `point ${label}`,
      'at least 2 replications on each side (a significance test compares the spread between replications; rerun with --reps 2 or more)',
      `${count} replication${count === 1 ? '' : 's'}${leftOut === 0 ? incompleteNote(folder) : ` tested, ${leftOut} left out by their replication seeds (compare pairs on the seeds both runs used, or leaves out the one seed they share)`}`,
    );
  }
}

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/**
 * A side that is not a complete run: the tests cover only the replications it finished, which the
 * reader must know (a comparison of partial runs is legitimate only then). Stated with what ran of
 * what was planned, and how to finish an interrupted run.
 */
function runWarnings(side: 'A' | 'B', folder: ResultsFolder): string[] {
  const { status, replications: perPoint } = folder.manifest;
  const finished = folder.replications.length;
  const points = folder.summary.points.length;
  const failed = folder.summary.failures.length;
  const failures = failed === 0 ? '' : `${plural(failed, 'replication')} failed (summary.json failures)`;
  if (status === 'complete') return failed === 0 ? [] : [`${side} (${folder.dir}): ${failures}, left out of the comparison`];
  const what = status === 'interrupted' ? 'an interrupted run' : status === 'running' ? 'a run that did not finish (still running, or killed)' : 'a failed run';
  const ran = folder.manifest.kind === 'run' ? `${finished} of ${plural(perPoint, 'replication')} finished` : `${plural(finished, 'replication')} finished over ${plural(points, 'point')}, of ${perPoint} per point planned`;
  const resume = status === 'interrupted' ? `; iomtsim run --resume ${folder.dir} runs the rest` : '';
  return [`${side} (${folder.dir}) is ${what} (manifest.json status '${status}'): ${ran}${failures === '' ? '' : `, ${failures}`}, and only those that finished are compared${resume}`];
}

function protocolOf(folder: ResultsFolder): string {
  const protocol = (folder.manifest.scenario['consensus'] as { protocol?: unknown } | undefined)?.protocol;
  if (protocol === undefined) return '(not stated)';
  return typeof protocol === 'string' ? protocol : JSON.stringify(protocol);
}

/**
 * Runs of different scenarios are compared all the same (two designs side by side is what compare
 * is for), but the reader is told what differs: the scenario's name, its protocol, its file.
 */
function scenarioWarnings(a: ResultsFolder, b: ResultsFolder): string[] {
  const differing: string[] = [];
  if (a.summary.scenario !== b.summary.scenario) differing.push(`scenario '${a.summary.scenario}' in A, '${b.summary.scenario}' in B`);
  const protocolA = protocolOf(a);
  const protocolB = protocolOf(b);
  if (protocolA !== protocolB) differing.push(`consensus.protocol ${protocolA} in A, ${protocolB} in B`);
  const fileA = a.manifest.scenarioFile;
  const fileB = b.manifest.scenarioFile;
  if (typeof fileA === 'string' && typeof fileB === 'string' && fileA !== fileB && a.summary.scenario === b.summary.scenario) differing.push(`scenario file ${fileA} in A, ${fileB} in B`);
  if (differing.length === 0) return [];
  return [`A and B are runs of different scenarios (${differing.join('; ')}): each difference is between the two as wholes, not the effect of one change, and replications paired on a seed share the seed, not the same world`];
}

/**
 * Runs of different code (manifest.json `commit`, `versions`) are compared all the same, but the
 * reader is told: a difference may then come from the simulator, not the scenario, and replications
 * of one seed need not see the same random workload. Compared where both manifests state a value;
 * an unknown commit (a run outside a git checkout) says nothing either way.
 */
function codeWarnings(a: ResultsFolder, b: ResultsFolder): string[] {
  const differing: string[] = [];
  const differ = (what: string, inA: string | null | undefined, inB: string | null | undefined) => {
    if (typeof inA === 'string' && typeof inB === 'string' && inA !== inB) differing.push(`${what}: ${inA} vs ${inB}`);
  };
  differ('iomtsim commits', a.manifest.commit, b.manifest.commit);
  differ('iomtsim versions', a.manifest.versions?.['iomtsim'], b.manifest.versions?.['iomtsim']);
  differ('Node versions', a.manifest.versions?.['node'], b.manifest.versions?.['node']);
  if (differing.length === 0) return [];
  return [`A and B were produced by different ${differing.join(', ')}; differences may come from the code, not the scenario`];
}

/**
 * A comparison whose replications cannot make any metric significant must say so, or a gate that
 * tests nothing passes silently: Holm's first step needs a p below α / m over the m tested metrics,
 * and an exact test cannot give one at few replications, nor where most paired differences are zero
 * or the values tie (src/stats/permutation.ts signFlipFloor, relabellingFloor; docs/reports.md).
 */
function powerWarnings<T extends { readonly pValue: number | null }>(tested: readonly T[], floorOf: (d: T) => number): string[] {
  if (tested.length === 0) return [];
  const needed = SIGNIFICANCE_LEVEL / tested.length;
  // A metric's floor is at most its own p: one p below the bound settles it without counting floors.
  if (tested.some((d) => (d.pValue as number) < needed)) return [];
  const floor = Math.min(...tested.map(floorOf));
  if (floor < needed) return [];
  return [`no metric can be significant with these replications: the smallest p their tests can give these data is ${floor.toPrecision(3)}, and Holm's correction over the ${tested.length} tested metrics needs one below ${needed.toPrecision(3)}; run more replications, or judge the change by checks, by expectations that single replications decide (\`== 0\`, \`> 0\`) and by the scenario's stated bounds, each judged on its own metric's one-sided test outside Holm's correction`];
}

/**
 * Pairs points by equal parameters, in order of A's swept values as the side-by-side tables list
 * them (model/parameter-scale.ts inValueOrder), not the order --vary gave them; two plain runs pair
 * their single points whatever they hold.
 */
function pairPoints(a: ResultsFolder, b: ResultsFolder): { pairs: [number, number][]; unmatched: string[] } {
  if (a.summary.points.length === 1 && b.summary.points.length === 1) return { pairs: [[0, 0]], unmatched: [] };
  const indexB = new Map(b.summary.points.map((p, i) => [canonical(p.parameters), i]));
  const pairs: [number, number][] = [];
  const unmatched: string[] = [];
  const matchedB = new Set<number>();
  a.summary.points.forEach((p, i) => {
    const j = indexB.get(canonical(p.parameters));
    if (j === undefined) unmatched.push(`A: ${pointLabel(p, a.summary.scenario)}`);
    else {
      pairs.push([i, j]);
      matchedB.add(j);
    }
  });
  b.summary.points.forEach((p, j) => {
    if (!matchedB.has(j)) unmatched.push(`B: ${pointLabel(p, b.summary.scenario)}`);
  });
  return { pairs: inValueOrder(pairs, ([i]) => (a.summary.points[i] as SummaryPoint).parameters), unmatched };
}

/**
 * Why a metric of a paired point is not compared, or null when it is: a side with no value in any
 * replication (`all`), or none in the replications the test reads (`tested`, SeedPlan): with the
 * paired test no seed where both have one, with the unpaired a side's values only in the
 * replication left out. A metric neither side produced is not a difference and is left out (null too, with
 * nothing to compare).
 */
function uncomparedReason(plan: SeedPlan, all: Samples, tested: { a: ReadonlyMap<number, number>; b: ReadonlyMap<number, number> }): string | null {
  if (all.a.length === 0 && all.b.length === 0) return null;
  if (all.a.length === 0) return 'only in B';
  if (all.b.length === 0) return 'only in A';
  if (plan.test === 'paired' && ![...tested.a.keys()].some((seed) => tested.b.has(seed))) return 'never in the same replication of A and B';
  if (tested.a.size === 0 || tested.b.size === 0) return `in ${tested.a.size === 0 ? 'A' : 'B'} only in the replication left out (its seed is in both runs)`;
  return null;
}

/**
 * The tests Holm's correction counts: every test but those of metrics identical in A and B. Their
 * p is 1 whatever the replications held, a test that can never reject, and leaving such tests out
 * of the family keeps its family-wise error rate controlled (Tarone 1990, "A modified Bonferroni
 * method for discrete data", Biometrics 46:515–522) where counting them only weakens the
 * correction of the rest: in one comparison of default.yaml, 80 of 121 metrics were identical,
 * and a −54.6 % change at raw p = 0.00096 read Holm p = 0.099 with them counted.
 */
function holmFamily<T extends { readonly pValue: number | null }>(tests: readonly T[], identical: ReadonlySet<T>): T[] {
  return tests.filter((d) => d.pValue !== null && !identical.has(d));
}

/** A change from 0 has no relative size, so no threshold can excuse it. */
function verdictOf(d: Pick<MetricDifference, 'delta' | 'relative' | 'direction' | 'pValue'>, identical: boolean, significant: boolean, threshold: number): Verdict {
  if (d.pValue === null) return 'untested';
  if (identical) return 'identical';
  if (!significant) return 'not significant';
  if (d.relative !== null && Math.abs(d.relative) < threshold) return 'within threshold';
  // Only a metric with a better direction can get better or worse (docs/reports.md): offered load,
  // utilisation and message counts only change.
  if (d.direction !== 'higher' && d.direction !== 'lower') return 'changed';
  return (d.direction === 'higher') === d.delta > 0 ? 'better' : 'worse';
}

function replicationsText(count: number, n: number): string {
  return `${count} of ${n} replication${n === 1 ? '' : 's'}`;
}

/**
 * A check or expectation that held in A and failed in B, before the metrics' tests: `judgedBy` is
 * set for an expectation whose breach a noisy mean can make (breachIsOutright false), which fails
 * the comparison only where its metric's test agrees (resolveBreaches).
 */
interface Breach {
  readonly regression: CheckRegression;
  readonly judgedBy?: { readonly metric: string; readonly condition: Condition };
}

/**
 * Whether single replications decide an expectation's breach, not where a mean falls: any under
 * expectRule `every` (one replication past the bound breaks it, as a check), an exact
 * condition (`== 0`, `!= 0`: one replication with a violation breaks `== 0`), a bound at an edge of
 * the metric's range (`> 0` on a count fails only where every replication gave 0, `< 1` on a ratio
 * only where every one gave 1), or a metric that B has no value of, or left undefined in some
 * replication. A bound inside the range (`p99 <= 185`, `throughput >= 90`) is one a mean near it
 * crosses by chance.
 */
function breachIsOutright(outcome: ExpectationOutcome, condition: Condition, unit: string): boolean {
  if (outcome.observed === null || outcome.undefinedIn !== undefined || outcome.rule === 'every') return true;
  if (condition.op === '==' || condition.op === '!=') return true;
  const { min, max } = metricDomain(outcome.metric, unit);
  return condition.value === min || condition.value === max;
}

/** The checks and expectations of one paired point that held in A and failed in B. */
function breachesAt(label: string, pointA: SummaryPoint, pointB: SummaryPoint): Breach[] {
  const out: Breach[] = [];
  for (const checkB of pointB.checks) {
    const checkA = pointA.checks.find((c) => c.name === checkB.name);
    if (checkA === undefined || !checkA.passed || checkB.passed) continue;
    const nA = checkA.n ?? pointA.n;
    const nB = checkB.n ?? pointB.n;
    const detail = checkB.detail === undefined || checkB.detail === '' ? '' : ` (${checkB.detail})`;
    out.push({
      regression: {
        pointLabel: label,
        kind: 'check',
        name: checkB.name,
        inA: `passed in ${replicationsText(nA, nA)}`,
        inB: `failed in ${checkB.failedReplications === undefined ? `some of ${nB} replications` : replicationsText(checkB.failedReplications, nB)}${detail}`,
      },
    });
  }
  for (const expectationB of pointB.expectations) {
    const expectationA = pointA.expectations.find((e) => e.metric === expectationB.metric && e.condition === expectationB.condition);
    if (expectationA === undefined || !expectationA.passed || expectationB.passed) continue;
    const condition = parseCondition(expectationB.condition);
    // Under `interval` the 95 % CI decided, and B's mean may lie inside the bound: show the CI.
    const interval = (e: ExpectationOutcome) => (e.rule === 'interval' && e.ci95 ? `, 95 % CI [${formatJudgedEnds(e.ci95, condition?.value).join(', ')}]` : '');
    const observed = (e: ExpectationOutcome) => (e.observed === null ? 'no value' : `mean ${formatObserved(e, condition?.value)}${interval(e)}`);
    const unit = (pointB.metrics[expectationB.metric] ?? pointA.metrics[expectationB.metric])?.unit ?? '';
    const regression: CheckRegression = {
      pointLabel: label,
      kind: 'expectation',
      name: `${expectationB.metric} ${expectationB.condition}`,
      inA: `held (${observed(expectationA)})`,
      inB: `failed (${observed(expectationB)})`,
    };
    out.push(condition === undefined || breachIsOutright(expectationB, condition, unit) ? { regression } : { regression, judgedBy: { metric: expectationB.metric, condition } });
  }
  return out;
}

/**
 * The metric's p one-sided toward the breach (B higher for `<`/`<=`, lower for `>`/`>=`): half the
 * two-sided p where the observed difference points that way, else 1 − half. Exact for a test
 * whose statistic's null distribution is symmetric: the sign-flip sums, the t-tests, and the
 * two-sample splits of equal sizes (swapping the groups negates the difference). Unpaired splits
 * of unequal sizes need not be symmetric, so the two-sided p, which bounds the one-sided from
 * above, is used there (docs/references.md §12, "Stated expectations").
 */
function oneSidedPTowardBreach(d: MetricDifference, condition: Condition): number {
  const p = d.pValue as number;
  const towardBreach = condition.op === '<' || condition.op === '<=' ? d.delta > 0 : d.delta < 0;
  const symmetric = d.test === 'paired' || d.method !== 'exact permutation' || d.nA === d.nB;
  if (!towardBreach) return symmetric ? 1 - p / 2 : 1;
  return symmetric ? p / 2 : p;
}

/**
 * Splits the breaches into regressions and bounds crossed. An expectation on a bound inside its
 * metric's range fails the comparison where the metric's own test, one-sided toward the breach,
 * gives p below SIGNIFICANCE_LEVEL (a threshold does not excuse a stated bound); where it does not,
 * the bound was crossed by a change the replications cannot tell from chance. Not Holm-adjusted
 * over the metrics: the expectation is a hypothesis the scenario stated before the run, one test
 * on its own, not one of the exploratory family; adjusted over the ~127 metrics of an IoMT run it
 * would need p < 0.0004, which an exact sign-flip test at fewer than 12 pairs cannot give
 * (2^(1−n)), and the gate could never fail. A metric not tested (no difference to read) leaves
 * the breach a regression: nothing shows it is chance.
 */
function resolveBreaches(breaches: readonly Breach[], differences: readonly MetricDifference[]): { regressions: CheckRegression[]; boundsCrossed: BoundCrossed[] } {
  const regressions: CheckRegression[] = [];
  const boundsCrossed: BoundCrossed[] = [];
  for (const { regression, judgedBy } of breaches) {
    const d = judgedBy && differences.find((x) => x.pointLabel === regression.pointLabel && x.metric === judgedBy.metric);
    if (judgedBy === undefined || d === undefined || d.pValue === null) {
      regressions.push(regression);
      continue;
    }
    const pTowardBreach = oneSidedPTowardBreach(d, judgedBy.condition);
    if (pTowardBreach < SIGNIFICANCE_LEVEL) {
      const p = formatPValue(pTowardBreach);
      regressions.push({ ...regression, inB: `${regression.inB}, significantly ${d.delta > 0 ? 'higher' : 'lower'} than A (one-sided p ${p.startsWith('<') ? p : `= ${p}`})` });
    } else {
      const { pointLabel, name, inA, inB } = regression;
      boundsCrossed.push({ pointLabel, name, inA, inB, pValue: d.pValue, pAdjusted: d.pAdjusted, pTowardBreach });
    }
  }
  return { regressions, boundsCrossed };
}

export function compareResults(a: ResultsFolder, b: ResultsFolder, options: CompareOptions = {}): Comparison {
  const threshold = options.threshold ?? 0;
  requireReplications(a);
  requireReplications(b);
  const { pairs, unmatched } = options.points === undefined ? pairPoints(a, b) : { pairs: [[selectPoint(a, options.points.a, 'a'), selectPoint(b, options.points.b, 'b')] as [number, number]], unmatched: [] };
  if (pairs.length === 0) {
    throw new ResultsError(
      join(b.dir, SUMMARY_FILE),
      'points[].parameters',
      `a point with the same parameters as one of ${join(a.dir, SUMMARY_FILE)}`,
      b.summary.points.map((p) => pointLabel(p, '{}')).join('; ') || 'no points',
    );
  }
  const plan = seedPlan(a, b);
  const test = plan.test;
  const raw: Omit<MetricDifference, 'pAdjusted' | 'significant' | 'verdict'>[] = [];
  // How to count each metric's smallest possible p given its data (zero differences and ties
  // included), for powerWarnings, which counts only where no p settles it; 0 where a t-test was used
  // (it can reach any p).
  const floors = new Map<object, () => number>();
  const identical = new Set<(typeof raw)[number]>();
  const uncompared: string[] = [];
  const breaches: Breach[] = [];
  for (const [i, j] of pairs) {
    const pointA = a.summary.points[i] as SummaryPoint;
    const pointB = b.summary.points[j] as SummaryPoint;
    const scenarios = a.summary.scenario === b.summary.scenario ? a.summary.scenario : `${a.summary.scenario} vs ${b.summary.scenario}`;
    const labelA = pointLabel(pointA, scenarios);
    const labelB = pointLabel(pointB, scenarios);
    // Points picked by their parameters can differ in them: the label names both.
    const label = labelA === labelB ? labelA : `${labelA} vs ${labelB}`;
    requireTwoReplications(a, i, label);
    requireTwoReplications(b, j, label);
    requireTwoReplications(a, i, label, plan.seedsA);
    requireTwoReplications(b, j, label, plan.seedsB);
    breaches.push(...breachesAt(label, pointA, pointB));
    for (const metric of [...new Set([...Object.keys(pointA.metrics), ...Object.keys(pointB.metrics)])].sort()) {
      const bySeedA = valuesBySeed(a, i, metric, plan.seedsA);
      const bySeedB = valuesBySeed(b, j, metric, plan.seedsB);
      const all = { a: [...valuesBySeed(a, i, metric).values()], b: [...valuesBySeed(b, j, metric).values()] };
      const reason = uncomparedReason(plan, all, { a: bySeedA, b: bySeedB });
      if (reason !== null) uncompared.push(`${label}: ${metric} (${reason})`);
      const values = samplesFor(test, bySeedA, bySeedB);
      // Paired on seeds where both sides produced the metric: A replication with no value on one side
      // (no latency sample) drops its pair, and the means stated are those the test compares, or the
      // difference printed could have the opposite sign of the one tested. Where nothing is left,
      // uncomparedReason has said why.
      if (values.a.length === 0 || values.b.length === 0) continue;
      const unit = (pointA.metrics[metric] ?? pointB.metrics[metric])!.unit;
      const result = runTest(test, values.a, values.b);
      const meanA = mean(values.a);
      const meanB = mean(values.b);
      const delta = meanB - meanA;
      const deltaCi95 = result === null ? null : differenceInterval(test, values.a, values.b);
      const difference = {
        pointLabel: label,
        metric,
        unit,
        meanA,
        meanB,
        delta,
        relative: meanA === 0 ? null : delta / Math.abs(meanA),
        deltaCi95,
        relativeCi95: result === null ? null : relativeInterval(test, values.a, values.b),
        nA: values.a.length,
        nB: values.b.length,
        nProducedA: all.a.length,
        nProducedB: all.b.length,
        test: result === null ? null : test,
        method: result?.method ?? null,
        arrangements: result?.arrangements ?? null,
        asExtreme: result?.asExtreme ?? null,
        t: result?.t ?? null,
        df: result?.df ?? null,
        pValue: result?.pValue ?? null,
        direction: betterDirection(metric),
      };
      raw.push(difference);
      const { a: valuesA, b: valuesB } = values;
      floors.set(difference, () => (result?.method === 'exact permutation' ? ((test === 'paired' ? signFlipFloor(valuesA, valuesB) : relabellingFloor(valuesA, valuesB)) ?? 0) : 0));
      if (result !== null && identicalInAAndB(test, values.a, values.b)) identical.add(difference);
    }
  }
  const tested = holmFamily(raw, identical);
  const adjusted = holmAdjust(tested.map((d) => d.pValue as number));
  const adjustedOf = new Map(tested.map((d, k) => [d, adjusted[k] as number]));
  const differences = raw.map((d): MetricDifference => {
    const pAdjusted = adjustedOf.get(d) ?? null;
    const significant = pAdjusted !== null && pAdjusted < SIGNIFICANCE_LEVEL && d.delta !== 0;
    return { ...d, pAdjusted, significant, verdict: verdictOf(d, identical.has(d), significant, threshold) };
  });
  const worse = differences.filter((d) => d.verdict === 'worse').length;
  const { regressions, boundsCrossed } = resolveBreaches(breaches, differences);
  return {
    test,
    seeds: plan.use,
    threshold,
    passed: worse === 0 && regressions.length === 0,
    differences,
    unmatched,
    uncompared,
    regressions,
    boundsCrossed,
    worse,
    better: differences.filter((d) => d.verdict === 'better').length,
    warnings: [...runWarnings('A', a), ...runWarnings('B', b), ...scenarioWarnings(a, b), ...codeWarnings(a, b), ...powerWarnings(tested, (d) => floors.get(d)?.() ?? 0)],
  };
}
