/** zod types for quantities with units (see units.ts); the parsed value is in base units. */
import { z } from 'zod';
import { parseQuantity, type UnitKind } from './units.ts';

const EXAMPLE: Record<UnitKind, string> = { duration: '500ms, 2s, 10m', size: '512B, 64KB, 1MiB', bandwidth: '100Mbps, 1Gbps' };

function quantity(kind: UnitKind, min: number) {
  const atLeast = min === 0 ? `a non-negative ${kind}` : min === 1 ? `a positive ${kind}` : `a ${kind} ≥ ${min}`;
  const description = `${atLeast} with a unit (e.g. ${EXAMPLE[kind]})`;
  return z.string().meta({ description, 'x-unit': kind }).transform((text, ctx) => {
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
