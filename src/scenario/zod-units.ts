/** zod types for quantities with units (see units.ts); the parsed value is in base units. */
import { z } from 'zod';
import { parseQuantity, quantityPattern, wholeQuantityExpected, type UnitKind } from './units.ts';

/** A value that is not text, as a message names it (this layer does not import errors.ts). */
function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return 'a list';
  return value !== null && typeof value === 'object' ? 'a mapping' : String(value);
}

const EXAMPLE: Record<UnitKind, string> = { duration: '500ms, 2s, 10m', size: '512B, 64KB, 1MiB', bandwidth: '100Mbps, 1Gbps' };

/**
 * The largest duration or size: the simulator counts whole microseconds and bytes in JavaScript
 * numbers, exact only up to 2^53 − 1 (about 285 years, or 9 PB); beyond it `1e20us` would round.
 */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;
const LIMIT: Record<UnitKind, string | undefined> = { duration: '2^53 − 1 µs (about 285 years), the range the simulator clock counts exactly', size: '2^53 − 1 bytes, the range counted exactly', bandwidth: undefined };

function quantity(kind: UnitKind, min: number) {
  const atLeast = min === 0 ? `a non-negative ${kind}` : min === 1 ? `a positive ${kind}` : `a ${kind} ≥ ${min}`;
  const description = `${atLeast} with a unit (e.g. ${EXAMPLE[kind]})${LIMIT[kind] === undefined ? '' : `, at most ${LIMIT[kind]}`}`;
  // A bare number (`duration: 5`) is refused as what it lacks, a unit, not as "not a string".
  const notText = (issue: { code?: string; input?: unknown }): string | undefined =>
    issue.code === 'invalid_type' ? `expected ${atLeast} with a unit (e.g. ${EXAMPLE[kind]}), found ${describeFound(issue.input)}${typeof issue.input === 'number' ? ' (no unit)' : ''}` : undefined;
  // `pattern` reaches the JSON Schema only (`iomtsim schema`): the transform below gives the loader's messages.
  return z.string({ error: notText }).meta({ description, 'x-unit': kind, pattern: quantityPattern(kind) }).transform((text, ctx) => {
    const r = parseQuantity(kind, text);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${r.expected}, found '${text}'` });
      return z.NEVER;
    }
    if (!r.whole && kind !== 'bandwidth') {
      ctx.addIssue({ code: 'custom', message: `expected ${wholeQuantityExpected(kind)}, found '${text}'` });
      return z.NEVER;
    }
    if (r.value < min) {
      ctx.addIssue({ code: 'custom', message: `expected ${atLeast}, found '${text}'` });
      return z.NEVER;
    }
    if (LIMIT[kind] !== undefined && r.value > MAX_EXACT) {
      ctx.addIssue({ code: 'custom', message: `expected ${atLeast} of at most ${LIMIT[kind]}, found '${text}'` });
      return z.NEVER;
    }
    return r.value;
  });
}

/** A non-negative duration such as '500ms'; parses to integer microseconds. */
export const zDurationUs = quantity('duration', 0);
/** A strictly positive duration; parses to integer microseconds. */
export const zPositiveDurationUs = quantity('duration', 1);
/** A size such as '512KB'; parses to bytes. */
export const zSizeBytes = quantity('size', 0);
/** A bandwidth such as '100Mbps'; parses to bits per second. */
export const zBandwidthBps = quantity('bandwidth', 1);
