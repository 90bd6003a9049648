/**
 * The exact (Clopper–Pearson) confidence interval of a binomial proportion (Clopper & Pearson,
 * Biometrika 1934): for x successes in n trials at level 1 − α, the lower bound is the p at which
 * P(X ≥ x) = α/2 and the upper bound the p at which P(X ≤ x) = α/2. Through the binomial–beta
 * relation P(X ≥ x | p) = I_p(x, n − x + 1) (Abramowitz & Stegun 26.5.24), each bound is a root of
 * the regularized incomplete beta function, found here by bisection (I_p is monotone in p). Unlike
 * the normal (Wald) interval p̂ ± 1.96·√(p̂(1−p̂)/n), its coverage is at least 1 − α for every p and
 * n, which matters for rare events (a few stale blocks in thousands), where the Wald interval is
 * too narrow and can reach below zero.
 */
import { incompleteBeta } from './student-t.ts';

export interface BinomialInterval {
  readonly lo: number;
  readonly hi: number;
}

/** The p in [0, 1] where the increasing function f(p) crosses `target`, by bisection to the last double. */
function solveIncreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Two-sided `level` (default 95 %) Clopper–Pearson interval for `successes` of `trials`. */
export function clopperPearson(successes: number, trials: number, level = 0.95): BinomialInterval {
  if (!(Number.isInteger(trials) && trials >= 1)) throw new RangeError(`a binomial interval needs an integer number of trials ≥ 1, found ${trials}`);
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) throw new RangeError(`successes must be an integer in [0, ${trials}], found ${successes}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), found ${level}`);
  const tail = (1 - level) / 2;
  const x = successes;
  const n = trials;
  // P(X ≥ x | p) = I_p(x, n − x + 1) rises with p: the lower bound is where it reaches α/2.
  const lo = x === 0 ? 0 : solveIncreasing((p) => incompleteBeta(p, x, n - x + 1), tail);
  // P(X ≥ x + 1 | p) = I_p(x + 1, n − x) rises with p: the upper bound is where P(X ≤ x) falls to α/2.
  const hi = x === n ? 1 : solveIncreasing((p) => incompleteBeta(p, x + 1, n - x), 1 - tail);
  return { lo, hi };
}
