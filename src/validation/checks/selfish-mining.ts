/**
 * Selfish mining against Eyal & Sirer ("Majority is not enough", FC 2014): the pool's relative
 * revenue across a grid of α and γ (§4.2, eq. 8), and the profitability threshold (1−γ)/(3−2γ)
 * (§4.3). Each point is estimated over independent replications of the mining race
 * (src/attacks/pow/race.ts); the tolerance is three standard errors of that estimate.
 */
import { selfishRevenue, selfishThreshold } from '../../attacks/pow/closed-forms.ts';
import { simulateSelfishMining } from '../../attacks/pow/race.ts';
import { estimate, judgeWithin, type Estimate } from '../stats.ts';
import type { ValidationCheck } from '../types.ts';

const REPLICATIONS = 10;
const BLOCKS_PER_REPLICATION = 200_000;
const REFERENCE = 'Eyal & Sirer, FC 2014 §4.2 eq. 8: R = [α(1−α)²(4α+γ(1−2α)) − α³] / [1 − α(1+(2−α)α)]';

const GRID: ReadonlyArray<{ alpha: number; gamma: number; quick: boolean }> = [
  ...[0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45].flatMap((alpha) =>
    [0, 0.5, 1].map((gamma) => ({ alpha, gamma, quick: alpha === 0.3 && gamma === 0 }))),
];

/** Revenue share over independent replications (seeds differ by point and replication). */
function revenue(seedOffset: number, alpha: number, gamma: number, blocks = BLOCKS_PER_REPLICATION): Estimate {
  const shares = Array.from({ length: REPLICATIONS }, (_, k) =>
    simulateSelfishMining({ alpha, gamma, blocks, seed: seedOffset + 10_000 + Math.round(alpha * 1000) * 10 + Math.round(gamma * 10) + k * 7_919 }).revenueShare);
  return estimate(shares);
}

/** A simulated gain R(α) − α at one grid point, with its standard error over replications. */
interface Gain {
  readonly a: number;
  readonly g: number;
  readonly se: number;
}

/**
 * The root of the straight line through two grid points whose gains bracket zero (lo.g < 0 ≤ hi.g),
 * and its standard error. The root is the interpolation r = w_lo·a_lo + w_hi·a_hi with the weights
 * w_lo = g_hi / (g_hi − g_lo) and w_hi = −g_lo / (g_hi − g_lo) (each in [0, 1], summing to 1). Its
 * derivatives in the gains are ∂r/∂g_lo = −w_lo / slope and ∂r/∂g_hi = −w_hi / slope, with
 * slope = (g_hi − g_lo) / (a_hi − a_lo); the two gains come from independent replications
 * (different seeds), so by the first-order delta method
 *   SE(r)² = (w_lo² · se_lo² + w_hi² · se_hi²) / slope²,
 * the noise of the slope included: each point's SE weighs by how near the root lies to it.
 */
export function interpolatedRoot(lo: Gain, hi: Gain): { root: number; standardError: number } {
  const slope = (hi.g - lo.g) / (hi.a - lo.a);
  const wLo = hi.g / (hi.g - lo.g);
  const wHi = -lo.g / (hi.g - lo.g);
  return { root: wLo * lo.a + wHi * hi.a, standardError: Math.sqrt((wLo * lo.se) ** 2 + (wHi * hi.se) ** 2) / slope };
}

export function selfishMiningChecks(seedOffset: number): ValidationCheck[] {
  const checks: ValidationCheck[] = GRID.map(({ alpha, gamma, quick }) => ({
    id: `selfish-mining.revenue.a${alpha}-g${gamma}`,
    group: 'selfish mining',
    title: `selfish pool's relative revenue, α = ${alpha}, γ = ${gamma}`,
    reference: REFERENCE,
    quick,
    run() {
      const e = revenue(seedOffset, alpha, gamma);
      return judgeWithin(selfishRevenue(alpha, gamma), e, 3, 'share', `${REPLICATIONS} replications × ${BLOCKS_PER_REPLICATION} blocks; honest revenue would be ${alpha}`);
    },
  }));
  for (const gamma of [0, 0.5]) {
    checks.push({
      id: `selfish-mining.threshold.g${gamma}`,
      group: 'selfish mining',
      title: `profitability threshold: smallest α where selfish mining beats α, γ = ${gamma}`,
      reference: 'Eyal & Sirer, FC 2014 §4.3: α > (1−γ)/(3−2γ)',
      quick: false,
      run() {
        // Gain R(α) − α on a grid around the threshold; the root is found between the two grid
        // points where the simulated gain changes sign, by linear interpolation; its standard
        // error by the delta method (interpolatedRoot).
        const expected = selfishThreshold(gamma);
        const step = 0.02;
        const alphas = [-2, -1, 0, 1, 2].map((k) => Math.round((expected + k * step) * 1e4) / 1e4);
        const gains = alphas.map((a) => {
          const e = revenue(seedOffset, a, gamma);
          return { a, g: e.mean - a, se: e.standardError };
        });
        const i = gains.findIndex((x, j) => j > 0 && gains[j - 1]!.g < 0 && x.g >= 0);
        const detail = `gain R−α at α = ${gains.map((x) => `${x.a}: ${x.g.toExponential(2)}`).join(', ')}`;
        if (i < 0) {
          return { expected, simulated: NaN, unit: 'α', basis: { kind: 'property' }, passed: false, samples: REPLICATIONS, detail: `no sign change of the simulated gain on the grid; ${detail}` };
        }
        const { root, standardError } = interpolatedRoot(gains[i - 1]!, gains[i]!);
        return judgeWithin(expected, { mean: root, standardError, n: REPLICATIONS }, 3, 'α', `interpolated root, SE by the delta method; ${detail}`);
      },
    });
  }
  return checks;
}
