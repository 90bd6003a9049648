/**
 * The search of `iomtsim size`: bracket the boundary between values that meet the SLOs and values
 * that do not, from below, then bisect the bracket. Doubling from the lower bound (lo, 2·lo, 4·lo…)
 * keeps the probes near the answer: a probe's cost grows with the value (offered load, devices,
 * nodes), and far above the boundary it is at its highest, so the search never starts at the upper
 * bound; the bracket costs about twice its upper end, then ⌈log2⌉ of its width in bisection. The
 * SLOs are assumed monotone in the value (size.ts checks the probes for a contradiction).
 *
 * Maximizing, passing values lie below failing ones: the answer is the last pass before the first
 * failure. Minimizing, above: the answer is the first pass after the last failure.
 */
import type { RunStatus } from './summary.ts';

/** Runs the SLOs at `value`: true when all hold, false when one fails, undefined when the probe could not finish. */
export type ProbeFn = (value: number) => Promise<boolean | undefined>;

export interface SearchAnswer {
  readonly answer: number | null;
  readonly explanation: string;
}

/** The next value of the bracketing sequence: double, and at least one more. */
export function nextBracketValue(value: number): number {
  return Math.max(value + 1, 2 * value);
}

export async function searchBoundary(lo: number, hi: number, minimize: boolean, probe: ProbeFn): Promise<{ readonly status: RunStatus; readonly result?: SearchAnswer }> {
  // Walk up from lo until the verdict flips (or hi is reached): `below` keeps the last value before.
  let below: number | undefined;
  let value = lo;
  for (;;) {
    const ok = await probe(value);
    if (ok === undefined) return { status: 'failed' };
    const flipped = minimize ? ok : !ok;
    if (flipped) break;
    if (value === hi) {
      return {
        status: 'complete',
        result: minimize
          ? { answer: null, explanation: `no value in [${lo}, ${hi}] meets every SLO: even ${hi} fails` }
          : { answer: hi, explanation: `every SLO holds across the whole range, including ${hi}` },
      };
    }
    below = value;
    value = Math.min(hi, nextBracketValue(value));
  }
  if (below === undefined) {
    return {
      status: 'complete',
      result: minimize ? { answer: lo, explanation: `${lo}, the lower end, already meets every SLO` } : { answer: null, explanation: `no value in [${lo}, ${hi}] meets every SLO: ${lo} already fails` },
    };
  }
  // Bisect (below, value): below has the verdict of lo's side, value the other.
  let low = below;
  let high = value;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    const ok = await probe(mid);
    if (ok === undefined) return { status: 'failed' };
    if ((minimize ? ok : !ok)) high = mid;
    else low = mid;
  }
  return {
    status: 'complete',
    result: minimize ? { answer: high, explanation: `${high} meets every SLO and ${low} does not` } : { answer: low, explanation: `${low} meets every SLO and ${high} does not` },
  };
}
