/**
 * Swept parameter values as numbers on one scale: numbers as they are, and durations, sizes and
 * bandwidths ('200ms', '1s') read by the scenario's own unit parser (src/scenario/units.ts) and
 * put in one unit. A sweep over such values is drawn on a numeric axis and its points are listed
 * in order of value; values off any scale (`pbft`, `raft`) stay categories in the order given.
 */
import { parseQuantity, quantityUnit, unitOf, type UnitKind } from '../../scenario/units.ts';

export interface ParameterScale {
  /** The unit of the numbers ('ms'), '' for values that are plain numbers. */
  readonly unit: string;
  /** A value as a number in `unit`; NaN for one not on the scale. */
  readonly valueOf: (value: unknown) => number;
}

const KINDS: readonly UnitKind[] = ['duration', 'size', 'bandwidth'];

/** How the unit is printed: 'us' is the ASCII spelling of µs. */
const UNIT_TEXT: Readonly<Record<string, string>> = { us: 'µs' };

/** The scale `values` share, or null when they are not all numbers or all quantities of one kind. */
export function parameterScaleOf(values: readonly unknown[]): ParameterScale | null {
  if (values.length === 0) return null;
  if (values.every((v) => typeof v === 'number')) return { unit: '', valueOf: (v) => (typeof v === 'number' ? v : Number.NaN) };
  if (!values.every((v): v is string => typeof v === 'string')) return null;
  for (const kind of KINDS) {
    const base = (v: unknown): number => {
      const q = typeof v === 'string' ? parseQuantity(kind, v) : undefined;
      return q?.ok === true ? q.value : Number.NaN;
    };
    if (values.some((v) => Number.isNaN(base(v)))) continue;
    const { unit, baseUnits } = displayUnit(kind, values, values.map(base));
    return { unit: UNIT_TEXT[unit] ?? unit, valueOf: (v) => base(v) / baseUnits };
  }
  return null;
}

/**
 * Units a reader steps through by thousands, offered besides those the values are written in: a
 * sweep written `500us,1ms,20ms,2s`, or all in µs, still reads best in ms.
 */
const READING_UNITS: Readonly<Record<Exclude<UnitKind, 'size'>, readonly string[]>> = { duration: ['us', 'ms', 's'], bandwidth: ['bps', 'Kbps', 'Mbps', 'Gbps'] };

/**
 * Sizes step by 1,000 (KB, MB) or by 1,024 (KiB, MiB): two ladders, and the reader's is the one the
 * values are written in. `256B,1MiB` reads in KiB; values in bytes alone, or in both ladders,
 * offer no unit they were not written in.
 */
const SIZE_LADDERS: readonly (readonly string[])[] = [['B', 'KB', 'MB', 'GB'], ['B', 'KiB', 'MiB', 'GiB']];

function readingUnits(kind: UnitKind, writtenUnits: readonly string[]): readonly string[] {
  if (kind !== 'size') return READING_UNITS[kind];
  const ladders = SIZE_LADDERS.filter((ladder) => writtenUnits.some((u) => u !== 'B' && ladder.includes(u)));
  return ladders.length === 1 ? ladders[0]! : [];
}

/**
 * The unit a reader would pick for the values' range: the largest (of those written and the kind's
 * READING_UNITS) in which the middle of the range, the geometric mean of the smallest and largest
 * non-zero magnitude, is still at least 1, else the smallest. The middle rather than the smallest
 * value, so that neither end runs to many digits: 500 µs to 2 s is 0.5 to 2,000 ms, not 500 to
 * 2,000,000 µs (the smallest in ms is below 1); 50 ms to 1 s stays 50 to 1,000 ms, not 0.05 to 1 s.
 */
function displayUnit(kind: UnitKind, texts: readonly string[], baseValues: readonly number[]): { unit: string; baseUnits: number } {
  const byBaseUnits = new Map<number, { unit: string; baseUnits: number }>();
  const written = texts.map((text) => quantityUnit(kind, text)!);
  const candidates = [...written, ...readingUnits(kind, written.map((u) => u.unit)).map((unit) => unitOf(kind, unit)!)];
  // The texts come first: of two spellings of one unit ('min', 'm'), the one written names the axis.
  for (const u of candidates) if (!byBaseUnits.has(u.baseUnits)) byBaseUnits.set(u.baseUnits, u);
  const units = [...byBaseUnits.values()].sort((a, b) => b.baseUnits - a.baseUnits);
  const nonZero = baseValues.filter((v) => v !== 0).map(Math.abs);
  const middle = nonZero.length === 0 ? 0 : Math.sqrt(Math.min(...nonZero) * Math.max(...nonZero));
  return units.find((u) => middle / u.baseUnits >= 1) ?? units[units.length - 1]!;
}

/**
 * `points` in order of their swept values: by each parameter that differs between them, the first
 * outermost as in the sweep's grid (src/scenario/sweep.ts), a parameter on a scale by value, any
 * other by the order its values first appear (the order --vary gave them). A size search's probes,
 * run in search order, come out in order of value too. The sort is stable.
 */
export function inValueOrder<T>(points: readonly T[], parametersOf: (point: T) => Readonly<Record<string, unknown>>): T[] {
  const keys = [...new Set(points.flatMap((p) => Object.keys(parametersOf(p))))];
  const ranks: ((point: T) => number)[] = [];
  for (const key of keys) {
    const values = points.map((p) => parametersOf(p)[key]);
    const distinct = [...new Set(values.map((v) => String(v)))];
    if (distinct.length < 2) continue;
    const scale = parameterScaleOf(values);
    ranks.push(scale === null ? (p) => distinct.indexOf(String(parametersOf(p)[key])) : (p) => scale.valueOf(parametersOf(p)[key]));
  }
  return [...points].sort((a, b) => {
    for (const rank of ranks) {
      const difference = rank(a) - rank(b);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}
