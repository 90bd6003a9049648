/**
 * The search of `iomtsim size`: bracket the boundary between values that meet the SLOs and values
 * that do not, from below, then bisect the bracket. Doubling from the lower bound (lo, 2·lo, 4·lo…)
 * keeps the probes near the answer: a probe's cost grows with the value (offered load, devices,
 * nodes), and far above the boundary it is at its highest, so the search never starts at the upper
 * bound; the bracket costs about twice its upper end. The SLOs are assumed monotone in the value
 * (size.ts checks the probes for a contradiction).
 *
 * Inside the bracket, the next probe is where the SLO margins of its two ends, interpolated
 * linearly, cross zero (regula falsi, with the Illinois modification: an end kept twice in a row
 * has its margin halved, so a curved margin, such as latency near saturation, cannot pin the
 * probes to one side; Dowell & Jarratt, BIT 11, 1971). A step that does not halve the bracket is
 * followed by a bisection, so the search takes at most twice bisection's ⌈log2⌉ probes, and on a
 * latency curve usually fewer (consortium.yaml's p99 ≤ 250 ms over 100..200,000 tx/s: 14 probes
 * where bisection took 21, the same answer).
 * Without margins (an SLO with no value, a probe that stopped early: size.ts bindingMargin) it bisects.
 *
 * Maximizing, passing values lie below failing ones: the answer is the last pass before the first
 * failure. Minimizing, above: the answer is the first pass after the last failure.
 */
import type { RunStatus } from './summary.ts';

/**
 * The verdict of the SLOs at a value, and its margin: how far the most binding SLO is from its
 * limit, ≤ 0 when all hold, > 0 when one fails (NaN: unknown).
 */
export interface ProbeVerdict {
  readonly passed: boolean;
  readonly margin: number;
}

/** Runs the SLOs at `value`; undefined when the probe could not finish. */
export type ProbeFn = (value: number) => Promise<ProbeVerdict | undefined>;

export interface SearchAnswer {
  readonly answer: number | null;
  readonly explanation: string;
}

/** The next value of the bracketing sequence: double, and at least one more. */
export function nextBracketValue(value: number): number {
  return Math.max(value + 1, 2 * value);
}

/** A bracket end: a value and its margin, sign-adjusted so the lower end's side is ≤ 0. */
interface End {
  readonly value: number;
  margin: number;
}

/** The next value strictly inside (low, high): where the margins cross zero, else the middle. */
export function nextInside(low: End, high: End): number {
  const middle = Math.floor((low.value + high.value) / 2);
  const { margin: a } = low;
  const { margin: b } = high;
  if (!(Number.isFinite(a) && Number.isFinite(b) && a <= 0 && b > 0)) return middle;
  const crossing = low.value + ((high.value - low.value) * -a) / (b - a);
  return Math.min(high.value - 1, Math.max(low.value + 1, Math.floor(crossing)));
}

export async function searchBoundary(lo: number, hi: number, minimize: boolean, probe: ProbeFn): Promise<{ readonly status: RunStatus; readonly result?: SearchAnswer }> {
  // Margins on lo's side are ≤ 0: maximizing, passes are there; minimizing, failures, so flip.
  const oriented = (v: ProbeVerdict): number => (minimize ? -v.margin : v.margin);
  // Walk up from lo until the verdict flips (or hi is reached): `below` keeps the last end before.
  let below: End | undefined;
  let value = lo;
  let above: End;
  for (;;) {
    const verdict = await probe(value);
    if (verdict === undefined) return { status: 'failed' };
    const flipped = minimize ? verdict.passed : !verdict.passed;
    if (flipped) {
      above = { value, margin: oriented(verdict) };
      break;
    }
    if (value === hi) {
      return {
        status: 'complete',
        result: minimize
          ? { answer: null, explanation: `no value in [${lo}, ${hi}] meets every SLO, assuming the SLOs only improve as the value grows: even ${hi} fails` }
          : { answer: hi, explanation: `every SLO holds across the whole range, including ${hi}` },
      };
    }
    below = { value, margin: oriented(verdict) };
    value = Math.min(hi, nextBracketValue(value));
  }
  if (below === undefined) {
    return {
      status: 'complete',
      result: minimize ? { answer: lo, explanation: `${lo}, the lower end, already meets every SLO` } : { answer: null, explanation: `no value in [${lo}, ${hi}] meets every SLO, assuming the SLOs only worsen as the value grows: ${lo} already fails` },
    };
  }
  let low = below;
  let high = above;
  let kept: 'low' | 'high' | undefined;
  // A step must halve the bracket, or the next one bisects it.
  let reference = high.value - low.value;
  let steps = 0;
  while (high.value - low.value > 1) {
    const bisect = steps === 1;
    const mid = bisect ? Math.floor((low.value + high.value) / 2) : nextInside(low, high);
    const verdict = await probe(mid);
    if (verdict === undefined) return { status: 'failed' };
    const end: End = { value: mid, margin: oriented(verdict) };
    if (minimize ? verdict.passed : !verdict.passed) {
      high = end;
      // Illinois: the low end survives again, so halve its margin.
      if (kept === 'low') low.margin /= 2;
      kept = 'low';
    } else {
      low = end;
      if (kept === 'high') high.margin /= 2;
      kept = 'high';
    }
    steps++;
    if (bisect || high.value - low.value <= reference / 2) {
      reference = high.value - low.value;
      steps = 0;
    }
  }
  const [pass, fail] = minimize ? [high.value, low.value] : [low.value, high.value];
  return { status: 'complete', result: { answer: pass, explanation: `${pass} meets every SLO and ${fail} does not` } };
}
