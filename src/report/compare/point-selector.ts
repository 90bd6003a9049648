/**
 * One point of a results folder picked by its parameters, so that `compare` can set two points of
 * one sweep side by side (`--a-point consensus.nodes=4 --b-point consensus.nodes=7`). A sweep runs
 * the same replication seeds at every point (common random numbers: Law, Simulation Modeling and
 * Analysis, 5th ed., §11.2), so two of its points are compared paired by seed, as two runs of the
 * same seeds are, and the pairing cancels the noise the points share.
 */
import { join } from 'node:path';
import { ResultsError } from '../errors.ts';
import { SUMMARY_FILE } from '../results/load.ts';
import type { ResultsFolder, SummaryPoint } from '../results/types.ts';

export interface PointSelector {
  /** The flag it was given with and its text, for messages (`--a-point consensus.nodes=4`). */
  readonly source: string;
  /** Each parameter the point must have, with its value as text. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** What a selector is written as. */
export const POINT_SELECTOR_FORM = 'key=value, or several joined by commas (consensus.nodes=4,workload.rateTps=500)';

/** `text` as a selector, or undefined where it is not one (an empty key, no '=', a key twice). */
export function parsePointSelector(source: string, text: string): PointSelector | undefined {
  const parameters: Record<string, string> = {};
  for (const part of text.split(',')) {
    const at = part.indexOf('=');
    const key = at < 0 ? '' : part.slice(0, at).trim();
    if (key === '' || Object.hasOwn(parameters, key)) return undefined;
    parameters[key] = part.slice(at + 1).trim();
  }
  return { source, parameters };
}

/** A point's parameters as `key=value, …`, or `fallback` for a point without any (a plain run). */
export function pointLabel(point: SummaryPoint, fallback: string): string {
  const text = Object.entries(point.parameters).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return text === '' ? fallback : text;
}

const label = (point: SummaryPoint): string => pointLabel(point, '(no parameters)');

/**
 * The index of the point of `folder` that `selector` picks: every parameter it names, with its
 * value. Without a selector, the folder's only point. Anything else is refused, naming the
 * folder's points (`side` is the flag's letter).
 */
export function selectPoint(folder: ResultsFolder, selector: PointSelector | undefined, side: 'a' | 'b'): number {
  const points = folder.summary.points;
  const file = join(folder.dir, SUMMARY_FILE);
  if (selector === undefined) {
    if (points.length === 1) return 0;
    throw new ResultsError(file, 'points', `one point, or --${side}-point naming one of its ${points.length}`, points.map(label).join('; '));
  }
  const wanted = Object.entries(selector.parameters);
  const matches = points.flatMap((p, i) => (wanted.every(([k, v]) => Object.hasOwn(p.parameters, k) && String(p.parameters[k]) === v) ? [i] : []));
  if (matches.length === 1) return matches[0]!;
  const found = matches.length === 0 ? `none among ${points.map(label).join('; ')}` : `${matches.length}: ${matches.map((i) => label(points[i]!)).join('; ')}`;
  throw new ResultsError(file, 'points[].parameters', `exactly one point with ${selector.source}`, found);
}
