/**
 * Double-spend success against Rosenfeld's exact formula ("Analysis of hashrate-based double
 * spending", 2014, §5) across q and z, with Nakamoto's Poisson approximation (white paper §11) shown
 * beside it. Tolerance 3·√(P(1−P)/M) at the expected P for M trials (docs/references.md §2).
 */
import { nakamotoDoubleSpend, rosenfeldDoubleSpend } from '../../attacks/pow/closed-forms.ts';
import { simulateDoubleSpend } from '../../attacks/pow/race.ts';
import { proportion, judgeWithin } from '../stats.ts';
import type { ValidationCheck } from '../types.ts';

const TRIALS = 200_000;

const GRID: ReadonlyArray<{ q: number; z: number; quick: boolean }> = [
  ...[0.1, 0.2, 0.3, 0.4].flatMap((q) => [1, 2, 4, 6].map((z) => ({ q, z, quick: false }))),
  { q: 0.1, z: 5, quick: true }, // the worked example of docs/references.md §2
  { q: 0.3, z: 3, quick: true },
];

export function doubleSpendChecks(seedOffset: number): ValidationCheck[] {
  return GRID.map(({ q, z, quick }) => ({
    id: `double-spend.success.q${q}-z${z}`,
    group: 'double spend',
    title: `double-spend success probability, q = ${q}, z = ${z}`,
    reference: 'Rosenfeld 2014 §5: P = 1 − Σ_{m=0..z} C(m+z−1, m)(p^z q^m − p^m q^z)',
    quick,
    run() {
      const expected = rosenfeldDoubleSpend(q, z);
      const r = simulateDoubleSpend({ q, z, trials: TRIALS, seed: seedOffset + 20_000 + Math.round(q * 100) * 10 + z });
      const e = proportion(r.successes, r.trials);
      const se = Math.sqrt((expected * (1 - expected)) / r.trials);
      return judgeWithin(expected, e, 3, 'probability', `${r.trials} races; ${r.successes} succeeded`, se, { nakamoto: nakamotoDoubleSpend(q, z) });
    },
  }));
}
