/** Estimates and tolerances for validation checks. */
import { clopperPearson, mean, sampleVariance, tHalfWidth } from '../stats/index.ts';
import type { CheckResult, ToleranceBasis } from './types.ts';

export interface Estimate {
  readonly mean: number;
  /** Standard error of the mean. */
  readonly standardError: number;
  readonly n: number;
  /**
   * The estimate's own 95 % interval where it is not the Student-t one: a binomial proportion's
   * exact Clopper–Pearson interval.
   */
  readonly interval95?: readonly [number, number];
}

/** Mean and standard error of independent samples (replications). */
export function estimate(samples: readonly number[]): Estimate {
  const n = samples.length;
  if (n < 2) throw new RangeError(`an estimate needs at least 2 samples, found ${n}`);
  return { mean: mean(samples), standardError: Math.sqrt(sampleVariance(samples) / n), n };
}

/**
 * A proportion from `successes` of `trials` Bernoulli trials, with the binomial standard error and
 * the exact Clopper–Pearson 95 % interval (src/stats/binomial-interval.ts): a few events in
 * thousands of trials (stale blocks) are where the normal interval p̂ ± 1.96 SE is too narrow.
 */
export function proportion(successes: number, trials: number): Estimate {
  const p = successes / trials;
  const { lo, hi } = clopperPearson(successes, trials);
  return { mean: p, standardError: Math.sqrt((p * (1 - p)) / trials), n: trials, interval95: [lo, hi] };
}

/**
 * The 95 % interval of the estimate: its own where it has one (a proportion's exact interval), else
 * the Student-t interval, exact for every number of samples.
 */
export function ci95(e: Estimate): [number, number] {
  if (e.interval95 !== undefined) return [e.interval95[0], e.interval95[1]];
  const h = tHalfWidth(e.standardError, e.n - 1);
  return [e.mean - h, e.mean + h];
}

/**
 * Judge an estimate against an expected value with a tolerance of k standard errors. The standard
 * error is the simulation's own, or, for a proportion whose true value is known, the binomial
 * standard error at the expected value (docs/references.md §2: 3·√(P(1−P)/M)).
 */
export function judgeWithin(expected: number, e: Estimate, k: number, unit: string, detail: string, standardError = e.standardError, alongside?: Record<string, number>): CheckResult {
  const basis: ToleranceBasis = { kind: 'standard-error', k, standardError };
  const passed = Math.abs(e.mean - expected) <= k * standardError;
  const r: CheckResult = { expected, simulated: e.mean, unit, ci95: ci95(e), basis, passed, samples: e.n, detail };
  return alongside === undefined ? r : { ...r, alongside };
}

/**
 * Judge an estimate of a real network's quantity against a published measurement: it passes when
 * the whole 95 % interval lies within a factor 10^decades of the published value. The point value
 * alone is not enough: an interval reaching outside the band does not show agreement to within
 * the factor.
 */
export function judgeOrderOfMagnitude(expected: number, e: Estimate, decades: number, unit: string, detail: string): CheckResult {
  const [lo, hi] = ci95(e);
  const factor = 10 ** decades;
  const passed = lo >= expected / factor && hi <= expected * factor;
  return { expected, simulated: e.mean, unit, ci95: [lo, hi], basis: { kind: 'order-of-magnitude', decades }, passed, samples: e.n, detail };
}

/** Judge a value met up to a stated fraction of the expected one (|simulated / expected − 1| ≤ fraction). */
export function judgeRelative(expected: number, simulated: number, fraction: number, unit: string, samples: number, detail: string): CheckResult {
  const passed = Math.abs(simulated / expected - 1) <= fraction;
  return { expected, simulated, unit, basis: { kind: 'relative', fraction }, passed, samples, detail };
}

/** Judge a one-sided trend: the estimated difference must exceed k standard errors above `expected`. */
export function judgeExceeds(expected: number, difference: Estimate, k: number, unit: string, detail: string, alongside?: Record<string, number>): CheckResult {
  const basis: ToleranceBasis = { kind: 'exceeds', k, standardError: difference.standardError };
  const passed = difference.mean - expected > k * difference.standardError;
  const r: CheckResult = { expected, simulated: difference.mean, unit, ci95: ci95(difference), basis, passed, samples: difference.n, detail };
  return alongside === undefined ? r : { ...r, alongside };
}

export function toleranceOf(basis: ToleranceBasis): string {
  switch (basis.kind) {
    case 'standard-error': return `±${fmt(basis.k * basis.standardError)} (${basis.k} SE)`;
    case 'exceeds': return `> +${fmt(basis.k * basis.standardError)} (${basis.k} SE, one-sided)`;
    case 'relative': return `±${fmt(basis.fraction * 100)} % of expected`;
    case 'exact': return `±${fmt(basis.absolute)} (exact)`;
    case 'order-of-magnitude': return `95 % CI within ×/÷ ${fmt(10 ** basis.decades)}`;
    case 'property': return 'holds or not';
  }
}

/** Four significant digits, compact. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(3);
  return Number(x.toPrecision(4)).toString();
}
