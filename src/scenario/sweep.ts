/**
 * Sweep dimensions from `--vary`: `key=v1,v2,...` (each value parsed as YAML, so `500ms` and
 * `true` work) or an integer/decimal range `key=lo..hi:step` (`lo..hi` steps by 1). The grid is
 * the Cartesian product with the first `--vary` outermost, so point order is predictable.
 */
import { inputError } from './errors.ts';
import { parseOverrideKey, parseOverrideValue, parseSet, type Override } from './overrides.ts';
import { normalizePath } from './schema-paths.ts';
import { zScenario } from './schema.ts';
import { parseQuantity } from './units.ts';

export interface Dimension {
  /** Dotted field path, e.g. `consensus.nodes`. */
  readonly key: string;
  readonly values: readonly unknown[];
}

export type SweepParameters = Record<string, unknown>;

const MAX_VALUES = 10_000;
const NUM = String.raw`[-+]?\d+(?:\.\d+)?`;
const RANGE = new RegExp(String.raw`^\s*(${NUM})\s*\.\.\s*(${NUM})\s*(?::\s*(${NUM})\s*)?$`);
const VARY_FORM = 'key=v1,v2,... or key=lo..hi:step';

export interface NumericRange {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  readonly step: number | undefined;
}

function parseRange(source: string, key: string, text: string): NumericRange | undefined {
  const m = RANGE.exec(text);
  if (!m) return undefined;
  const lo = Number(m[1]);
  const hi = Number(m[2]);
  const step = m[3] === undefined ? undefined : Number(m[3]);
  if (hi < lo) throw inputError(source, key, 'a range lo..hi with lo ≤ hi', `${m[1]}..${m[2]}`);
  if (step !== undefined && !(step > 0)) throw inputError(source, key, 'a positive step after ":"', m[3]!);
  return { key, lo, hi, step };
}

/**
 * Fields of the run as a whole, the same at every point: a value varied there would be ignored
 * (every point runs the seeds of --seed and --reps, in one results folder).
 */
const RUN_FIELDS: Readonly<Record<string, string>> = {
  seed: 'every point runs the same seeds, from --seed and --reps: replications are the runs over seeds',
  replications: 'every point runs the same number of replications, set with --reps',
  name: 'a run has one name, its results folder\'s',
  expectRule: 'every point is judged by one rule, so that their verdicts compare',
};

function checkVariedField(source: string, key: string): void {
  const why = Object.hasOwn(RUN_FIELDS, key) ? RUN_FIELDS[key] : undefined;
  if (why !== undefined) throw inputError(source, key, `a field that can differ between points (${why})`, `'${key}'`);
}

export function parseVary(expr: string): Dimension {
  const source = `--vary ${expr}`;
  const { path, rest } = parseOverrideKey('--vary', expr, VARY_FORM);
  const key = path.join('.');
  checkVariedField(source, key);
  const range = parseRange(source, key, rest);
  if (range) {
    const step = range.step ?? 1;
    const count = Math.floor((range.hi - range.lo) / step + 1e-9) + 1;
    if (count > MAX_VALUES) throw inputError(source, key, `at most ${MAX_VALUES} values`, `${count} values`);
    // Round to the step's decimals so 0.1 steps do not accumulate 0.30000000000000004.
    const decimals = Math.max(decimalsOf(range.lo), decimalsOf(step));
    const values = Array.from({ length: count }, (_, i) => Number((range.lo + i * step).toFixed(decimals)));
    return { key, values };
  }
  if (rest.includes('..')) throw inputError(source, key, 'a range lo..hi:step of numbers written in decimal digits (no exponent), such as 4..10 or 0.1..0.5:0.1', `'${rest}'`);
  const parts = rest.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw inputError(source, key, `${VARY_FORM} with no empty value`, `'${rest}'`);
  const values = parts.map((p) => parseOverrideValue(source, key, p));
  // Values are split on commas, and a results folder records each point's value as a scalar: a list
  // or mapping ran, then could not be reported, compared or merged.
  values.forEach((v, i) => {
    if (v !== null && typeof v === 'object') throw inputError(source, key, "values that are numbers, strings or true/false (a list or mapping cannot be swept; sweep one of its fields instead, such as attacks.0.start)", `'${parts[i]}'`);
  });
  // A value given twice would run the same point twice, and make the grid's points ambiguous by
  // parameters; '2s' and '2000ms' are one value.
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const text = sameValueKey(v);
    if (seen.has(text)) throw inputError(source, key, 'each value once', `'${parts[i]}' given twice`);
    seen.add(text);
  });
  return { key, values };
}

/** `--vary key=lo..hi` for sizing: an integer range, no step (bisection picks the probes). */
export function parseIntegerRange(expr: string): NumericRange {
  const source = `--vary ${expr}`;
  const { path, rest } = parseOverrideKey('--vary', expr, 'key=lo..hi');
  const key = path.join('.');
  checkVariedField(source, key);
  const range = parseRange(source, key, rest);
  if (!range || range.step !== undefined || !Number.isInteger(range.lo) || !Number.isInteger(range.hi)) {
    throw inputError(source, key, 'an integer range lo..hi, such as 10..5000', `'${rest}'`);
  }
  return range;
}

function decimalsOf(x: number): number {
  const text = String(x);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A value's identity among a dimension's values: a quantity by its amount in base units. */
function sameValueKey(v: unknown): string {
  if (typeof v === 'string') {
    for (const kind of ['duration', 'size', 'bandwidth'] as const) {
      const q = parseQuantity(kind, v);
      // A value off a whole µs or byte is its own: the loader refuses it for that, not as a duplicate.
      if (q.ok && q.whole) return `${kind}:${q.value}`;
    }
  }
  return JSON.stringify(v);
}

/**
 * Each key varied once, none inside another (a point's value of `consensus` would override its
 * value of `consensus.nodes` without a word, by flag order), and a grid of at most as many points
 * as one dimension may have values.
 */
export function checkDistinctDimensions(dimensions: readonly Dimension[]): void {
  const seen = new Set<string>();
  for (const d of dimensions) {
    if (seen.has(d.key)) throw inputError(`--vary ${d.key}=...`, d.key, 'each key varied once', `${d.key} varied twice`);
    seen.add(d.key);
  }
  for (const d of dimensions) {
    const outer = dimensions.find((o) => d.key.startsWith(`${o.key}.`));
    if (outer !== undefined) throw inputError(`--vary ${d.key}=...`, d.key, `a field no other --vary contains (each point of --vary ${outer.key}=... would replace it)`, `${d.key}, inside --vary ${outer.key}`);
  }
  // Every point is a scenario validated before the run starts: a product of large dimensions
  // (10,000 × 10,000) exhausted memory before anything ran.
  const points = dimensions.reduce((product, d) => product * d.values.length, 1);
  if (points > MAX_VALUES) {
    throw inputError(dimensions.map((d) => `--vary ${d.key}=...`).join(' '), '(grid)', `at most ${MAX_VALUES} points in the grid`, `${dimensions.map((d) => d.values.length).join(' × ')} = ${points} points`);
  }
}

/**
 * No `--set` of a field a `--vary` sweeps: each point sets the swept field itself, so the `--set`
 * would be overridden at every point without a word (`--set consensus.nodes=10` beside
 * `--vary consensus.nodes=4,7` runs 4 and 7).
 */
export function checkSetsNotVaried(variedKeys: readonly string[], sets: readonly string[]): void {
  for (const expr of sets) {
    const key = parseSet(expr).path.join('.');
    const varied = variedKeys.find((v) => key === v || key.startsWith(`${v}.`));
    if (varied !== undefined) throw inputError(`--set ${expr}`, key, `a field --vary does not sweep (each point sets ${varied} itself)`, `${key}, swept by --vary ${varied}=...`);
  }
}

/** Every combination of values, first dimension outermost. */
export function gridPoints(dimensions: readonly Dimension[]): SweepParameters[] {
  let points: SweepParameters[] = [{}];
  for (const d of dimensions) points = points.flatMap((p) => d.values.map((v) => ({ ...p, [d.key]: v })));
  return points;
}

/** The overrides that turn the base scenario into one point; errors name the `--vary` flag. */
export function pointOverrides(parameters: SweepParameters): Override[] {
  return Object.entries(parameters).map(([key, value]) => ({
    source: `--vary ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
    path: normalizePath(zScenario, key.split('.')) ?? key.split('.'),
    value,
  }));
}
