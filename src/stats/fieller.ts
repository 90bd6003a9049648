/**
 * Fieller's interval for a ratio of two means, θ = μ_B / μ_A (Fieller 1954; Franz 2007, "Ratios: a
 * short guide to confidence limits and proper use", docs/references.md §12): the values of θ for
 * which mean(b) − θ·mean(a) does not differ significantly from 0 by the t-test of the design,
 * paired or Welch's. Dividing the difference's interval by |mean(a)| takes A's mean as known, which
 * misstates the ratio's uncertainty when A is noisy (too narrow where B's errors do not follow A's,
 * too wide where they do); Fieller's allows for the denominator's own error and its covariance. The set is a
 * bounded interval only when mean(a) itself differs significantly from 0 (otherwise the ratio can
 * be arbitrarily large): null then, and with fewer than two values on a side.
 *
 * The set solves q_a·θ² − 2·q_b·θ + q_c ≤ 0, with, for a t quantile t and the variances and
 * covariance of the two means, q_a = m_A² − t²·v_A, q_b = m_A·m_B − t²·c_AB, q_c = m_B² − t²·v_B;
 * it holds θ̂ = m_B / m_A (where the left side is −t²·var(m_B − θ̂·m_A) ≤ 0), so the roots are real.
 */
import { mean, sampleVariance } from './descriptive.ts';
import { studentTQuantile } from './student-t.ts';

/** The interval of mean(b) / mean(a) where `a[i]` and `b[i]` are one pair (common random numbers): t with n − 1 degrees of freedom. */
export function pairedRatioInterval(a: readonly number[], b: readonly number[], level = 0.95): readonly [number, number] | null {
  if (a.length !== b.length) throw new Error(`pairedRatioInterval: ${a.length} values against ${b.length}; pairs need equal lengths`);
  const n = a.length;
  if (n < 2) return null;
  const mA = mean(a);
  const mB = mean(b);
  let covariance = 0;
  for (let i = 0; i < n; i++) covariance += (a[i]! - mA) * (b[i]! - mB);
  covariance /= n - 1;
  const t = studentTQuantile(1 - (1 - level) / 2, n - 1);
  return ratioRoots(mA, mB, (t * t * sampleVariance(a)) / n, (t * t * covariance) / n, (t * t * sampleVariance(b)) / n);
}

/**
 * The interval of mean(b) / mean(a) for independent samples: t with the Welch–Satterthwaite degrees
 * of freedom of mean(b) − θ̂·mean(a) at the estimate θ̂ (Franz 2007 §2.3).
 */
export function welchRatioInterval(a: readonly number[], b: readonly number[], level = 0.95): readonly [number, number] | null {
  if (a.length < 2 || b.length < 2) return null;
  const mA = mean(a);
  const mB = mean(b);
  if (mA === 0) return null;
  const vA = sampleVariance(a) / a.length;
  const vB = sampleVariance(b) / b.length;
  const ratio = mB / mA;
  if (vA === 0 && vB === 0) return [ratio, ratio];
  const scaledA = ratio * ratio * vA;
  const variance = vB + scaledA;
  // Where θ̂ = 0 (B's mean 0) the estimate leaves A's term out; A's own degrees of freedom, the
  // formula's limit as B's term vanishes, keep the interval A's error allows.
  const df = scaledA === 0 && vB === 0 ? a.length - 1 : (variance * variance) / ((vB * vB) / (b.length - 1) + (scaledA * scaledA) / (a.length - 1));
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  return ratioRoots(mA, mB, t * t * vA, 0, t * t * vB);
}

/** The roots of q_a·θ² − 2·q_b·θ + q_c (above), from the means and the t²-scaled variances and covariance; null where the set is unbounded. */
function ratioRoots(mA: number, mB: number, tVA: number, tCAB: number, tVB: number): readonly [number, number] | null {
  const qa = mA * mA - tVA;
  if (!(qa > 0)) return null;
  const qb = mA * mB - tCAB;
  const qc = mB * mB - tVB;
  // Never below 0 but by rounding: θ̂ satisfies the inequality.
  const root = Math.sqrt(Math.max(0, qb * qb - qa * qc));
  return [(qb - root) / qa, (qb + root) / qa];
}
