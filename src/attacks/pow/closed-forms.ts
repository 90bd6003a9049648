/**
 * Closed forms for proof-of-work attacks and forks, as pure functions. The simulations in this
 * folder are checked against them (tests, `iomtsim validate`); see docs/references.md §2–3.
 */

/**
 * Selfish pool's relative revenue (Eyal & Sirer, "Majority is not enough", FC 2014, §4.2 eq. 8):
 * pool share α of the hash power, share γ of honest miners that mine on the pool's branch in a tie.
 */
export function selfishRevenue(alpha: number, gamma: number): number {
  checkShare('alpha', alpha, true);
  checkShare('gamma', gamma, false);
  const a = alpha;
  const num = a * (1 - a) ** 2 * (4 * a + gamma * (1 - 2 * a)) - a ** 3;
  const den = 1 - a * (1 + (2 - a) * a);
  return num / den;
}

/** Smallest pool share for which selfish mining beats honest mining (Eyal & Sirer §4.3): (1−γ)/(3−2γ). */
export function selfishThreshold(gamma: number): number {
  checkShare('gamma', gamma, false);
  return (1 - gamma) / (3 - 2 * gamma);
}

/**
 * Probability that a double spend succeeds (Rosenfeld, "Analysis of hashrate-based double
 * spending", 2014, §5): attacker share q, merchant waits z confirmations, the attacker has one
 * pre-mined block, so catching up with the honest chain suffices.
 *   P(q, z) = 1 − Σ_{m=0..z} C(m+z−1, m) (p^z q^m − p^m q^z)
 */
export function rosenfeldDoubleSpend(q: number, z: number): number {
  checkShare('q', q, false);
  checkConfirmations(z);
  if (q >= 0.5) return 1;
  const p = 1 - q;
  if (z === 0) return 1;
  let sum = 0;
  let binom = 1; // C(m+z−1, m) at m = 0
  for (let m = 0; m <= z; m++) {
    if (m > 0) binom = (binom * (m + z - 1)) / m;
    sum += binom * (p ** z * q ** m - p ** m * q ** z);
  }
  return 1 - sum;
}

/**
 * Nakamoto's approximation (Bitcoin white paper §11): the attacker's progress while the honest
 * chain grows z blocks is taken as Poisson with mean λ = z·q/p.
 */
export function nakamotoDoubleSpend(q: number, z: number): number {
  checkShare('q', q, false);
  checkConfirmations(z);
  if (q >= 0.5) return 1;
  const p = 1 - q;
  const lambda = (z * q) / p;
  let sum = 1;
  let poisson = Math.exp(-lambda); // λ^k e^−λ / k! at k = 0
  for (let k = 0; k <= z; k++) {
    if (k > 0) poisson = (poisson * lambda) / k;
    sum -= poisson * (1 - (q / p) ** (z - k));
  }
  return sum;
}

/**
 * Stale-block rate when every block takes a fixed delay d to reach everyone and blocks arrive as a
 * Poisson process of mean interval T: the chance another block is found during d (Gervais et al.,
 * CCS 2016, as a sanity form): 1 − e^{−d/T}.
 */
export function staleRateFixedDelay(delayUs: number, intervalUs: number): number {
  if (!(delayUs >= 0)) throw new RangeError(`delay must be ≥ 0, found ${delayUs}`);
  if (!(intervalUs > 0)) throw new RangeError(`interval must be > 0, found ${intervalUs}`);
  return 1 - Math.exp(-delayUs / intervalUs);
}

function checkShare(name: string, v: number, openBelowHalf: boolean): void {
  const ok = openBelowHalf ? v >= 0 && v < 0.5 : v >= 0 && v <= 1;
  if (!ok) throw new RangeError(`${name} must be in ${openBelowHalf ? '[0, 0.5)' : '[0, 1]'}, found ${v}`);
}

function checkConfirmations(z: number): void {
  if (!(Number.isInteger(z) && z >= 0)) throw new RangeError(`z must be an integer ≥ 0, found ${z}`);
}
