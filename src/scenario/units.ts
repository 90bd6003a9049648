/**
 * Quantities with units in scenario files, converted once at load time to the integer base units
 * the simulator uses: microseconds, bytes, bits per second. A bare number is an error where a unit
 * is required, because "timeout: 500" silently meaning µs or s is how runs go wrong.
 */
const DURATION_US: Record<string, number> = { us: 1, µs: 1, ms: 1_000, s: 1_000_000, m: 60_000_000, min: 60_000_000, h: 3_600_000_000 };
const SIZE_BYTES: Record<string, number> = { B: 1, KB: 1_000, KiB: 1_024, MB: 1_000_000, MiB: 1_048_576, GB: 1_000_000_000, GiB: 1_073_741_824 };
const RATE_BPS: Record<string, number> = { bps: 1, Kbps: 1_000, Mbps: 1_000_000, Gbps: 1_000_000_000 };

const QUANTITY = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([A-Za-zµ]+)\s*$/;

export type UnitKind = 'duration' | 'size' | 'bandwidth';

const WHOLE_UNIT = { duration: 'µs', size: 'bytes' } as const;
const WHOLE_WHY = { duration: 'the simulator clock counts whole microseconds', size: 'sizes are counted in whole bytes' } as const;

const TABLES: Record<UnitKind, Record<string, number>> = { duration: DURATION_US, size: SIZE_BYTES, bandwidth: RATE_BPS };
const EXAMPLES: Record<UnitKind, string> = { duration: "'500ms', '2s', '10m', '1h'", size: "'512B', '64KB', '1MiB'", bandwidth: "'100Mbps', '1Gbps'" };

/**
 * What parseQuantity accepts as text, as a JSON Schema `pattern` (ECMA-262): a number and one of the
 * kind's units. An editor validating against it refuses `'10'` or `'256X'` as the loader does.
 */
export function quantityPattern(kind: UnitKind): string {
  return QUANTITY.source.replace('([A-Za-zµ]+)', `(?:${Object.keys(TABLES[kind]).join('|')})`);
}

/**
 * Parse `text` as a quantity of `kind`; returns the value in base units or an error message. A
 * duration or size is rounded to a whole µs or byte, and `whole` says whether it was one already
 * (a product off a whole number only by floating point, as `1.1ms`, is): the loader refuses the
 * rest (`1.5us` had run as 2 µs), which the text's form alone cannot tell.
 */
export function parseQuantity(kind: UnitKind, text: string): { ok: true; value: number; whole: boolean } | { ok: false; expected: string } {
  const expected = `a ${kind} with a unit, such as ${EXAMPLES[kind]} (units: ${Object.keys(TABLES[kind]).join(', ')})`;
  const m = QUANTITY.exec(text);
  if (!m) return { ok: false, expected };
  const factor = TABLES[kind][m[2]!];
  if (factor === undefined) return { ok: false, expected };
  const value = Number(m[1]) * factor;
  if (!Number.isFinite(value)) return { ok: false, expected };
  if (kind === 'bandwidth') return { ok: true, value, whole: true };
  const rounded = Math.round(value);
  // Off a whole number by no more than the product's own rounding (the text's number, then × the
  // unit): `1.1ms` is 1100.0000000000002, while `1000000000.5us` is half a µs off.
  return { ok: true, value: rounded, whole: Math.abs(value - rounded) <= 4 * Number.EPSILON * Math.abs(value) };
}

/**
 * The unit `text` is written in and how many base units one of it is, when `text` is a quantity of
 * `kind`: what a report needs to show a swept '200ms' in the unit its reader wrote.
 */
export function quantityUnit(kind: UnitKind, text: string): { unit: string; baseUnits: number } | undefined {
  const unit = QUANTITY.exec(text)?.[2];
  return unit === undefined ? undefined : unitOf(kind, unit);
}

/** How many base units one `unit` of `kind` is ('ms': 1,000 µs), when `unit` is one of the kind's. */
export function unitOf(kind: UnitKind, unit: string): { unit: string; baseUnits: number } | undefined {
  const baseUnits = TABLES[kind][unit];
  return baseUnits === undefined ? undefined : { unit, baseUnits };
}

/** What a duration or size that is not a whole number of base units is expected to be. */
export function wholeQuantityExpected(kind: 'duration' | 'size'): string {
  return `a whole number of ${WHOLE_UNIT[kind]} (${WHOLE_WHY[kind]}), such as ${EXAMPLES[kind]}`;
}

export function durationUs(text: string): number {
  const r = parseQuantity('duration', text);
  if (!r.ok) throw new RangeError(`expected ${r.expected}, found '${text}'`);
  if (!r.whole) throw new RangeError(`expected ${wholeQuantityExpected('duration')}, found '${text}'`);
  return r.value;
}
