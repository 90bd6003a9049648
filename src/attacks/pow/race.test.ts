import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/index.ts';
import { rosenfeldDoubleSpend, selfishRevenue } from './closed-forms.ts';
import { simulateDoubleSpend, simulateSelfishMining } from './race.ts';

describe('selfish-mining race against Eyal & Sirer R(α, γ)', () => {
  // 40,000 blocks: SE ≈ 0.005, so a wrong strategy (e.g. never racing on ties) is many SEs away.
  for (const [alpha, gamma] of [[0.25, 0.5], [0.3, 0], [0.35, 0.5]] as const) {
    it(`matches R(${alpha}, ${gamma}) within 3 standard errors (0.9/√blocks)`, () => {
      const r = simulateSelfishMining({ alpha, gamma, blocks: 40_000, seed: 11 });
      expect(Math.abs(r.revenueShare - selfishRevenue(alpha, gamma))).toBeLessThan(3 * r.standardErrorRule);
    });
  }

  it('matches R(0.45, 1) within 3 batch-means standard errors (the rule understates the noise there)', () => {
    const r = simulateSelfishMining({ alpha: 0.45, gamma: 1, blocks: 40_000, seed: 11 });
    expect(Math.abs(r.revenueShare - selfishRevenue(0.45, 1))).toBeLessThan(3 * r.standardError);
  });

  it('earns less than the fair share below the threshold (α = 0.2, γ = 0)', () => {
    const r = simulateSelfishMining({ alpha: 0.2, gamma: 0, blocks: 40_000, seed: 5 });
    expect(r.revenueShare).toBeLessThan(0.2 - 3 * r.standardErrorRule);
  });

  it('orphans nothing without a pool (α = 0)', () => {
    expect(simulateSelfishMining({ alpha: 0, gamma: 0, blocks: 5_000, seed: 3 }).deepestOrphanedRun).toBe(0);
  });

  it('reports the deepest override as often as the lead walk of Algorithm 1 at γ = 0 predicts', () => {
    // Reference, counted from the lead alone: from a lead of 2, each honest block shortens the lead
    // and joins the public branch; when the lead falls back to 1 the pool publishes all and those
    // honest blocks are orphaned. A tie (lead 1 met) settles at the next block.
    const rng = new Rng(77).stream('reference');
    const deepest = (alpha: number, blocks: number): number => {
      let lead = 0, honest = 0, tie = false, max = 0;
      for (let b = 0; b < blocks; b++) {
        const pool = rng.float() < alpha;
        if (tie) { tie = false; lead = 0; honest = 0; if (pool) max = Math.max(max, 1); continue; }
        if (pool) { lead++; continue; }
        if (lead === 0) continue;
        honest++;
        if (lead === 1) { tie = true; lead = 0; continue; }
        if (lead === 2) { max = Math.max(max, honest); lead = 0; honest = 0; continue; }
        lead--;
      }
      return max;
    };
    const runs = 400;
    const k = 12;
    const reference = Array.from({ length: 4 * runs }, () => deepest(0.35, 1_000)).filter((d) => d >= k).length / (4 * runs);
    const observed = Array.from({ length: runs }, (_, seed) => simulateSelfishMining({ alpha: 0.35, gamma: 0, blocks: 1_000, seed }).deepestOrphanedRun).filter((d) => d >= k).length / runs;
    // Binomial standard error of the difference of the two fractions.
    const se = Math.sqrt(reference * (1 - reference) * (1 / runs + 1 / (4 * runs)));
    expect(reference).toBeGreaterThan(0.2);
    expect(Math.abs(observed - reference)).toBeLessThan(4 * se);
  });

  it('is deterministic for a seed', () => {
    const a = simulateSelfishMining({ alpha: 0.3, gamma: 0.5, blocks: 5_000, seed: 3 });
    const b = simulateSelfishMining({ alpha: 0.3, gamma: 0.5, blocks: 5_000, seed: 3 });
    expect(a).toEqual(b);
  });
});

describe('double-spend race against Rosenfeld P(q, z)', () => {
  for (const [q, z, trials] of [[0.1, 5, 200_000], [0.3, 2, 40_000], [0.25, 6, 40_000], [0.4, 3, 20_000]] as const) {
    it(`matches P(${q}, ${z}) within 3·√(P(1−P)/M) for M = ${trials}`, () => {
      const r = simulateDoubleSpend({ q, z, trials, seed: 9 });
      const p = rosenfeldDoubleSpend(q, z);
      expect(Math.abs(r.successRate - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / trials));
    });
  }

  it('always succeeds for a majority attacker (q = 0.6)', () => {
    const r = simulateDoubleSpend({ q: 0.6, z: 6, trials: 2_000, seed: 1 });
    expect(r.successRate).toBe(1);
  });
});
