/**
 * Chained HotStuff's own parameters, as found in `consensus.hotstuff` (durations in µs). The
 * pacemaker (§4.4; Algorithm 5) doubles a replica's view timeout after each view that ends by
 * timeout ('exponential') or keeps it ('fixed'), and goes back to the base after progress.
 */
import type { ParameterDoc } from '../types.ts';
import { readParams } from '../raft/params-reader.ts';

export type Backoff = 'exponential' | 'fixed';

export interface HotStuffParams {
  readonly viewTimeoutUs: number;
  readonly viewTimeoutMaxUs: number;
  readonly backoff: Backoff;
  /** Most client transactions a replica attaches to one vote or new-view. */
  readonly forwardMax: number;
}

export const HOTSTUFF_DEFAULTS = {
  viewTimeout: 1_000_000,
  viewTimeoutMax: 60_000_000,
  backoff: 'exponential',
  forwardMax: 1024,
} as const;

export const HOTSTUFF_PARAMETER_DOCS: readonly ParameterDoc[] = [
  { name: 'hotstuff.viewTimeout', type: 'duration', default: '1s', meaning: 'base view timeout of the pacemaker before a replica sends NEW-VIEW (§4.4, Algorithm 5)' },
  { name: 'hotstuff.viewTimeoutMax', type: 'duration', default: '60s', meaning: 'cap on the backed-off view timeout' },
  { name: 'hotstuff.backoff', type: "'exponential' | 'fixed'", default: 'exponential', meaning: 'view timeout doubles per consecutive timed-out view, or stays fixed' },
  { name: 'hotstuff.forwardMax', type: 'integer', default: '1024', meaning: 'most client transactions a replica forwards to the next leader on one vote or new-view' },
];

export function hotstuffParams(params: Readonly<Record<string, unknown>>): HotStuffParams {
  const p = readParams('hotstuff', params, HOTSTUFF_DEFAULTS);
  if (!(p.viewTimeout > 0 && p.viewTimeoutMax >= p.viewTimeout)) {
    throw new RangeError(`consensus.hotstuff.viewTimeoutMax: expected a duration ≥ viewTimeout (${p.viewTimeout} µs) > 0, found ${p.viewTimeoutMax} µs`);
  }
  if (p.backoff !== 'exponential' && p.backoff !== 'fixed') {
    throw new RangeError(`consensus.hotstuff.backoff: expected 'exponential' or 'fixed', found ${JSON.stringify(p.backoff)}`);
  }
  if (!(Number.isInteger(p.forwardMax) && p.forwardMax >= 0)) {
    throw new RangeError(`consensus.hotstuff.forwardMax: expected an integer ≥ 0, found ${p.forwardMax}`);
  }
  return { viewTimeoutUs: p.viewTimeout, viewTimeoutMaxUs: p.viewTimeoutMax, backoff: p.backoff, forwardMax: p.forwardMax };
}
