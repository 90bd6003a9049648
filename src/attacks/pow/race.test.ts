import { describe, expect, it } from 'vitest';
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
