/** zod types for quantities with units (see units.ts); the parsed value is in base units. */
import { z } from 'zod';
import { parseQuantity, type UnitKind } from './units.ts';

function quantity(kind: UnitKind, min: number) {
  const atLeast = min === 0 ? `a non-negative ${kind}` : min === 1 ? `a positive ${kind}` : `a ${kind} ≥ ${min}`;
  return z.string().transform((text, ctx) => {
    const r = parseQuantity(kind, text);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${r.expected}, found '${text}'` });
      return z.NEVER;
    }
    if (r.value < min) {
      ctx.addIssue({ code: 'custom', message: `expected ${atLeast}, found '${text}'` });
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
