/**
 * Quantiles of Student's t distribution, for confidence intervals of a mean over few replications.
 * simple-statistics has no t quantile, so the CDF is integrated numerically from the density
 * (Simpson's rule on [0, t]; the density is smooth, so a few thousand panels give ~1e-9) and
 * inverted by bisection. Results are cached per (p, df): a run asks for at most a handful.
 */
import { gammaln } from 'simple-statistics';

function density(t: number, df: number, logNorm: number): number {
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

function cdfAbove0(t: number, df: number): number {
  const logNorm = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  const panels = 4000;
  const h = t / panels;
  let sum = density(0, df, logNorm) + density(t, df, logNorm);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * density(i * h, df, logNorm);
  return 0.5 + (sum * h) / 3;
}

const cache = new Map<string, number>();

/** The p-quantile (0.5 < p < 1) of Student's t with `df` degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1) || !(df >= 1)) throw new RangeError(`t quantile needs 0.5 < p < 1 and df ≥ 1, found p=${p}, df=${df}`);
  const key = `${p}:${df}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let lo = 0;
  let hi = 1;
  while (cdfAbove0(hi, df) < p) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdfAbove0(mid, df) < p) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  cache.set(key, q);
  return q;
}
