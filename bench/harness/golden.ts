/**
 * Golden model results: bench/golden/<entry>.json holds the deterministic metrics an entry
 * produced for its fixed seed. Any change is a failure with a readable diff, unless the golden
 * files are rewritten on purpose (`--update-golden`), so a change in what a model computes is
 * always visible in review, apart from the noisy question of speed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../src/io/atomic-write.ts';
import type { SimulatedMetrics } from './entry.ts';

export const GOLDEN_DIR = new URL('../golden/', import.meta.url).pathname;

export interface GoldenFile {
  readonly entry: string;
  readonly metrics: SimulatedMetrics;
}

export function goldenPath(entry: string, dir = GOLDEN_DIR): string {
  return join(dir, `${entry}.json`);
}

/**
 * The golden metrics of an entry, `missing` when it has none yet, or `unreadable` with what is wrong
 * with its file: one damaged golden file fails its own entry, and every report is still written.
 */
export function readGolden(entry: string, dir = GOLDEN_DIR): { readonly state: 'found'; readonly metrics: SimulatedMetrics } | GoldenProblem {
  const path = goldenPath(entry, dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { state: 'missing' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { state: 'unreadable', problem: `${path}: expected JSON, found a parse error (${(e as Error).message})` };
  }
  const metrics = (parsed as Partial<GoldenFile> | null)?.metrics;
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    const found = typeof parsed !== 'object' || parsed === null ? `${JSON.stringify(parsed)} at the top level` : (JSON.stringify(metrics) ?? 'nothing');
    return { state: 'unreadable', problem: `${path}: field 'metrics': expected an object of metric values, found ${found}` };
  }
  return { state: 'found', metrics };
}

type GoldenProblem = { readonly state: 'missing' } | { readonly state: 'unreadable'; readonly problem: string };

/** Write atomically, keys sorted so diffs in review stay small. */
export function writeGolden(entry: string, metrics: SimulatedMetrics, dir = GOLDEN_DIR): void {
  const sorted: Record<string, number | string | boolean> = {};
  for (const k of Object.keys(metrics).sort()) sorted[k] = metrics[k]!;
  const body: GoldenFile = { entry, metrics: sorted };
  writeJsonAtomic(goldenPath(entry, dir), body);
}

/**
 * JSON (golden files, the IPC channel) has no NaN or Infinity: it would silently turn them into
 * null. Non-finite numbers become the strings 'NaN', 'Infinity', '-Infinity' before they travel.
 */
export function jsonSafeMetrics(metrics: SimulatedMetrics): SimulatedMetrics {
  const out: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(metrics)) out[k] = typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
  return out;
}

/** One line per difference: changed, missing or new metrics. Empty when identical. */
export function goldenDiff(golden: SimulatedMetrics, actual: SimulatedMetrics): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(golden), ...Object.keys(actual)])].sort();
  for (const k of keys) {
    const g = golden[k];
    const a = actual[k];
    if (g === undefined) lines.push(`  + ${k}: ${fmt(a)} (new; not in golden)`);
    else if (a === undefined) lines.push(`  - ${k}: ${fmt(g)} (in golden; no longer produced)`);
    else if (!Object.is(g, a)) lines.push(`  ~ ${k}: golden ${fmt(g)} → now ${fmt(a)}${delta(g, a)}`);
  }
  return lines;
}

function fmt(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : String(v);
}

function delta(g: unknown, a: unknown): string {
  if (typeof g !== 'number' || typeof a !== 'number') return '';
  const d = a - g;
  const pct = g !== 0 ? ` (${d >= 0 ? '+' : ''}${((100 * d) / Math.abs(g)).toFixed(3)} %)` : '';
  return ` [${d >= 0 ? '+' : ''}${d}${pct}]`;
}

export type GoldenOutcome =
  | { readonly state: 'match' }
  | { readonly state: 'updated' }
  | GoldenProblem
  | { readonly state: 'differs'; readonly diff: readonly string[] };

/** Check (or, with `update`, rewrite) one entry's golden file. */
export function checkGolden(entry: string, metrics: SimulatedMetrics, update: boolean, dir = GOLDEN_DIR): GoldenOutcome {
  if (update) {
    writeGolden(entry, metrics, dir);
    return { state: 'updated' };
  }
  const golden = readGolden(entry, dir);
  if (golden.state !== 'found') return golden;
  const diff = goldenDiff(golden.metrics, metrics);
  return diff.length === 0 ? { state: 'match' } : { state: 'differs', diff };
}
