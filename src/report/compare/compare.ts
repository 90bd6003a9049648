/**
 * Differences between two results folders, point by point and metric by metric, with Welch's
 * t-test over the replications in replications.jsonl and Holm's correction across all tests
 * (many metrics are compared at once; uncorrected, one in twenty would look significant by chance).
 */
import { ResultsError } from '../errors.ts';
import { REPLICATIONS_FILE, SUMMARY_FILE } from '../results/load.ts';
import type { ResultsFolder, SummaryPoint } from '../results/types.ts';
import { holmAdjust, welchTTest } from '../../stats/index.ts';
import { betterDirection, type Direction } from './direction.ts';
import { join } from 'node:path';

export const SIGNIFICANCE_LEVEL = 0.05;

export type Verdict = 'better' | 'worse' | 'changed' | 'same';

export interface MetricDifference {
  readonly pointLabel: string;
  readonly metric: string;
  readonly unit: string;
  readonly meanA: number;
  readonly meanB: number;
  /** B − A */
  readonly delta: number;
  /** (B − A) / |A|; null when A is 0 */
  readonly relative: number | null;
  readonly nA: number;
  readonly nB: number;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** Holm-adjusted p-value */
  readonly pAdjusted: number | null;
  readonly significant: boolean;
  readonly direction: Direction;
  readonly verdict: Verdict;
}

export interface Comparison {
  readonly differences: readonly MetricDifference[];
  /** Points of one run with no counterpart of equal parameters in the other. */
  readonly unmatched: readonly string[];
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

function samples(folder: ResultsFolder, pointIndex: number, metric: string): number[] {
  const values: number[] = [];
  for (const record of folder.replications) {
    const value = record.point === pointIndex ? record.metrics[metric]?.value : undefined;
    if (typeof value === 'number') values.push(value);
  }
  return values;
}

function requireReplications(folder: ResultsFolder): void {
  if (!folder.hasReplicationsFile) {
    throw new ResultsError(join(folder.dir, REPLICATIONS_FILE), '', 'the file to exist (a comparison tests replications)', 'no such file');
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

export function compareResults(a: ResultsFolder, b: ResultsFolder): Comparison {
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
  const raw: Omit<MetricDifference, 'pAdjusted' | 'significant' | 'verdict'>[] = [];
  for (const [i, j] of pairs) {
    const pointA = a.summary.points[i] as SummaryPoint;
    const pointB = b.summary.points[j] as SummaryPoint;
    const label = pointLabel(pointA, a.summary.scenario === b.summary.scenario ? a.summary.scenario : `${a.summary.scenario} vs ${b.summary.scenario}`);
    for (const metric of Object.keys(pointA.metrics).sort()) {
      const summaryA = pointA.metrics[metric];
      const summaryB = pointB.metrics[metric];
      if (summaryA?.mean == null || summaryB?.mean == null) continue;
      const valuesA = samples(a, i, metric);
      const valuesB = samples(b, j, metric);
      const test = welchTTest(valuesA, valuesB);
      const delta = summaryB.mean - summaryA.mean;
      raw.push({
        pointLabel: label,
        metric,
        unit: summaryA.unit,
        meanA: summaryA.mean,
        meanB: summaryB.mean,
        delta,
        relative: summaryA.mean === 0 ? null : delta / Math.abs(summaryA.mean),
        nA: valuesA.length,
        nB: valuesB.length,
        t: test?.t ?? null,
        df: test?.df ?? null,
        pValue: test?.pValue ?? null,
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
    let verdict: Verdict = significant ? 'changed' : 'same';
    if (significant && d.direction !== 'unknown') {
      verdict = (d.direction === 'higher') === d.delta > 0 ? 'better' : 'worse';
    }
    return { ...d, pAdjusted, significant, verdict };
  });
  return {
    differences,
    unmatched,
    worse: differences.filter((d) => d.verdict === 'worse').length,
    better: differences.filter((d) => d.verdict === 'better').length,
  };
}
