/** Estimates and tolerances for validation checks. */
import type { CheckResult, ToleranceBasis } from './types.ts';

export interface Estimate {
  readonly mean: number;
  /** Standard error of the mean. */
  readonly standardError: number;
  readonly n: number;
}

/** Mean and standard error of independent samples (replications). */
export function estimate(samples: readonly number[]): Estimate {
  const n = samples.length;
  if (n < 2) throw new RangeError(`an estimate needs at least 2 samples, found ${n}`);
  let s = 0;
  for (const x of samples) s += x;
  const mean = s / n;
  let ss = 0;
  for (const x of samples) ss += (x - mean) ** 2;
  return { mean, standardError: Math.sqrt(ss / (n - 1) / n), n };
}

/** A proportion from `successes` of `trials` Bernoulli trials, with the binomial standard error. */
export function proportion(successes: number, trials: number): Estimate {
  const p = successes / trials;
  return { mean: p, standardError: Math.sqrt((p * (1 - p)) / trials), n: trials };
}

/** Two-sided 97.5 % quantile of Student's t (normal beyond 30 degrees of freedom). */
export function tQuantile975(df: number): number {
  const table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
  return df >= 1 && df <= 30 ? table[df - 1]! : 1.96;
}

export function ci95(e: Estimate): [number, number] {
  const h = tQuantile975(e.n - 1) * e.standardError;
  return [e.mean - h, e.mean + h];
}

/**
 * Judge an estimate against an expected value with a tolerance of k standard errors. The standard
 * error is the simulation's own, or, for a proportion whose true value is known, the binomial
 * standard error at the expected value (REFERENCES §2: 3·√(P(1−P)/M)).
 */
export function judgeWithin(expected: number, e: Estimate, k: number, unit: string, detail: string, standardError = e.standardError, alongside?: Record<string, number>): CheckResult {
  const basis: ToleranceBasis = { kind: 'standard-error', k, standardError };
  const passed = Math.abs(e.mean - expected) <= k * standardError;
  const r: CheckResult = { expected, simulated: e.mean, unit, ci95: ci95(e), basis, passed, samples: e.n, detail };
  return alongside === undefined ? r : { ...r, alongside };
}

export function toleranceOf(basis: ToleranceBasis): string {
  switch (basis.kind) {
    case 'standard-error': return `±${fmt(basis.k * basis.standardError)} (${basis.k} SE)`;
    case 'exact': return `±${fmt(basis.absolute)} (exact)`;
    case 'order-of-magnitude': return `×/÷ ${fmt(10 ** basis.decades)} (order of magnitude)`;
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
