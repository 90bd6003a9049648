/**
 * Differences between two results folders, point by point and metric by metric, tested over the
 * replications in replications.jsonl: the paired t-test when both runs used the same replication
 * seeds (replication i of A and of B saw the same random workload, so their difference cancels
 * most of the noise), Welch's t-test otherwise; Holm's correction across all tests (many metrics
 * are compared at once; uncorrected, one in twenty would look significant by chance).
 */
import { ResultsError } from '../errors.ts';
import { REPLICATIONS_FILE, SUMMARY_FILE } from '../results/load.ts';
import type { ResultsFolder, SummaryPoint } from '../results/types.ts';
import { holmAdjust, pairedTTest, welchTTest } from '../../stats/index.ts';
import { betterDirection, type Direction } from './direction.ts';
import { join } from 'node:path';

export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * `within threshold`: significant, but the relative change is smaller than the threshold asked
 * for, so it does not fail the comparison. `untested`: a side has fewer than two values of the
 * metric (it was not produced in every replication), so no test could say whether it changed.
 */
export type Verdict = 'better' | 'worse' | 'changed' | 'within threshold' | 'same' | 'untested';

export type StatisticalTest = 'paired' | 'welch';

/** A t statistic as comparison.json can hold it: finite, or infinite by sign (zero variance). */
export type TStatistic = number | 'Infinity' | '-Infinity';

/** `t` of a test, infinite ones as the strings JSON can hold (MetricDifference.t). */
function tStatistic(t: number): TStatistic {
  if (t === Number.POSITIVE_INFINITY) return 'Infinity';
  if (t === Number.NEGATIVE_INFINITY) return '-Infinity';
  return t;
}

/** Whether a difference's samples differ with zero variance (t infinite, p = 0). */
export function differsWithZeroVariance(d: Pick<MetricDifference, 't'>): boolean {
  return typeof d.t === 'string';
}

export interface CompareOptions {
  /** Significant changes with |relative| below this fraction are not failures (0.05 = 5 %). */
  readonly threshold?: number;
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
  readonly nA: number;
  readonly nB: number;
  /** Null when a side has fewer than two values of this metric. */
  readonly test: StatisticalTest | null;
  /**
   * The t statistic; null only when untested (`test` null). 'Infinity' or '-Infinity' (the sign of
   * B − A) when the samples differ with zero variance, where t is infinite and p = 0: every paired
   * difference B_i − A_i the same non-zero value, or with Welch's test both sides constant and
   * unequal (deterministic runs that disagree). A string, since JSON has no infinity.
   */
  readonly t: TStatistic | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** Holm-adjusted p-value */
  readonly pAdjusted: number | null;
  readonly significant: boolean;
  readonly direction: Direction;
  readonly verdict: Verdict;
}

export interface Comparison {
  /** The paired test when both runs used the same replication seeds, else Welch's. */
  readonly test: StatisticalTest;
  /** As given in CompareOptions (0 when none). */
  readonly threshold: number;
  /** No metric with a known better direction got significantly worse beyond the threshold. */
  readonly passed: boolean;
  readonly differences: readonly MetricDifference[];
  /** Points of one run with no counterpart of equal parameters in the other. */
  readonly unmatched: readonly string[];
  /**
   * Metrics of a paired point that one side never produced (no value in any of its replications: a
   * latency family with no sample), as `point: metric (only in A|B)`, and, with the paired test,
   * those both produced but never in the same replication, as `point: metric (never in the same
   * replication of A and B)`: not compared, and not silently so (uncomparedReason).
   */
  readonly uncompared: readonly string[];
  readonly worse: number;
  readonly better: number;
}

function canonical(parameters: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(parameters).sort().map((k) => [k, parameters[k]]));
}

function pointLabel(point: SummaryPoint, fallback: string): string {
  const label = Object.entries(point.parameters).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return label === '' ? fallback : label;
}

/** The metric's value per replication seed at one point, in replication order. */
function valuesBySeed(folder: ResultsFolder, pointIndex: number, metric: string): Map<number, number> {
  const values = new Map<number, number>();
  for (const record of folder.replications) {
    const value = record.point === pointIndex ? record.metrics[metric]?.value : undefined;
    if (typeof value === 'number') values.set(record.seed, value);
  }
  return values;
}

function sameReplicationSeeds(a: ResultsFolder, b: ResultsFolder): boolean {
  const seedsA = a.manifest.replicationSeeds;
  const seedsB = b.manifest.replicationSeeds;
  return seedsA !== undefined && seedsB !== undefined && seedsA.length === seedsB.length && seedsA.every((seed, i) => seed === seedsB[i]);
}

interface Samples {
  readonly a: number[];
  readonly b: number[];
}

/** Paired: the values of the seeds both sides have, in the same order. Welch: every value. */
function samplesFor(test: StatisticalTest, a: Map<number, number>, b: Map<number, number>): Samples {
  if (test === 'welch') return { a: [...a.values()], b: [...b.values()] };
  const shared = [...a.keys()].filter((seed) => b.has(seed));
  return { a: shared.map((seed) => a.get(seed) as number), b: shared.map((seed) => b.get(seed) as number) };
}

function requireReplications(folder: ResultsFolder): void {
  if (!folder.hasReplicationsFile) {
    throw new ResultsError(join(folder.dir, REPLICATIONS_FILE), '', 'the file to exist (a comparison tests replications)', 'no such file');
  }
}

/** A test needs each side's spread: a side with one replication at a point would test nothing. */
function requireTwoReplications(folder: ResultsFolder, pointIndex: number, label: string): void {
  const count = folder.replications.filter((record) => record.point === pointIndex).length;
  if (count < 2) {
    throw new ResultsError(
      join(folder.dir, REPLICATIONS_FILE),
      `point ${label}`,
      'at least 2 replications on each side (a significance test compares the spread between replications; rerun with --reps 2 or more)',
      `${count} replication${count === 1 ? '' : 's'}`,
    );
  }
}

/** Pairs points by equal parameters; two plain runs pair their single points whatever they hold. */
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
  return { pairs, unmatched };
}

/**
 * Why a metric of a paired point is not compared, from the values the test would read (each side's
 * per replication seed), or null when it is: a side with no value in any replication, or with the
 * paired test no seed where both have one. A metric neither side produced is not a difference and
 * is left out (null too, with nothing to compare).
 */
function uncomparedReason(test: StatisticalTest, a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): string | null {
  if (a.size === 0 && b.size === 0) return null;
  if (a.size === 0) return 'only in B';
  if (b.size === 0) return 'only in A';
  if (test === 'paired' && ![...a.keys()].some((seed) => b.has(seed))) return 'never in the same replication of A and B';
  return null;
}

/** A change from 0 has no relative size, so no threshold can excuse it. */
function verdictOf(d: Pick<MetricDifference, 'delta' | 'relative' | 'direction' | 'pValue'>, significant: boolean, threshold: number): Verdict {
  if (d.pValue === null) return 'untested';
  if (!significant) return 'same';
  if (d.relative !== null && Math.abs(d.relative) < threshold) return 'within threshold';
  if (d.direction === 'unknown') return 'changed';
  return (d.direction === 'higher') === d.delta > 0 ? 'better' : 'worse';
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function compareResults(a: ResultsFolder, b: ResultsFolder, options: CompareOptions = {}): Comparison {
  const threshold = options.threshold ?? 0;
  requireReplications(a);
  requireReplications(b);
  const { pairs, unmatched } = pairPoints(a, b);
  if (pairs.length === 0) {
    throw new ResultsError(
      join(b.dir, SUMMARY_FILE),
      'points[].parameters',
      `a point with the same parameters as one of ${join(a.dir, SUMMARY_FILE)}`,
      b.summary.points.map((p) => pointLabel(p, '{}')).join('; ') || 'no points',
    );
  }
  const test: StatisticalTest = sameReplicationSeeds(a, b) ? 'paired' : 'welch';
  const raw: Omit<MetricDifference, 'pAdjusted' | 'significant' | 'verdict'>[] = [];
  const uncompared: string[] = [];
  for (const [i, j] of pairs) {
    const pointA = a.summary.points[i] as SummaryPoint;
    const pointB = b.summary.points[j] as SummaryPoint;
    const label = pointLabel(pointA, a.summary.scenario === b.summary.scenario ? a.summary.scenario : `${a.summary.scenario} vs ${b.summary.scenario}`);
    requireTwoReplications(a, i, label);
    requireTwoReplications(b, j, label);
    for (const metric of [...new Set([...Object.keys(pointA.metrics), ...Object.keys(pointB.metrics)])].sort()) {
      const bySeedA = valuesBySeed(a, i, metric);
      const bySeedB = valuesBySeed(b, j, metric);
      const reason = uncomparedReason(test, bySeedA, bySeedB);
      if (reason !== null) uncompared.push(`${label}: ${metric} (${reason})`);
      const values = samplesFor(test, bySeedA, bySeedB);
      // Paired on seeds where both sides produced the metric: A replication with no value on one side
      // (no latency sample) drops its pair, and the means stated are those the test compares, or the
      // difference printed could have the opposite sign of the one tested. Where nothing is left,
      // uncomparedReason has said why.
      if (values.a.length === 0 || values.b.length === 0) continue;
      const unit = (pointA.metrics[metric] ?? pointB.metrics[metric])!.unit;
      const result = test === 'paired' ? pairedTTest(values.a, values.b) : welchTTest(values.a, values.b);
      const meanA = mean(values.a);
      const meanB = mean(values.b);
      const delta = meanB - meanA;
      raw.push({
        pointLabel: label,
        metric,
        unit,
        meanA,
        meanB,
        delta,
        relative: meanA === 0 ? null : delta / Math.abs(meanA),
        nA: values.a.length,
        nB: values.b.length,
        test: result === null ? null : test,
        t: result === null ? null : tStatistic(result.t),
        df: result?.df ?? null,
        pValue: result?.pValue ?? null,
        direction: betterDirection(metric),
      });
    }
  }
  const tested = raw.filter((d) => d.pValue !== null);
  const adjusted = holmAdjust(tested.map((d) => d.pValue as number));
  const adjustedOf = new Map(tested.map((d, k) => [d, adjusted[k] as number]));
  const differences = raw.map((d): MetricDifference => {
    const pAdjusted = adjustedOf.get(d) ?? null;
    const significant = pAdjusted !== null && pAdjusted < SIGNIFICANCE_LEVEL && d.delta !== 0;
    return { ...d, pAdjusted, significant, verdict: verdictOf(d, significant, threshold) };
  });
  const worse = differences.filter((d) => d.verdict === 'worse').length;
  return {
    test,
    threshold,
    passed: worse === 0,
    differences,
    unmatched,
    uncompared,
    worse,
    better: differences.filter((d) => d.verdict === 'better').length,
  };
}
