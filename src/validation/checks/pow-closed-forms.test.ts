import { describe, expect, it } from 'vitest';
import { selfishRevenue } from '../../attacks/pow/closed-forms.ts';
import { simulateSelfishMining } from '../../attacks/pow/race.ts';
import { estimate, judgeWithin } from '../stats.ts';
import { doubleSpendChecks } from './double-spend.ts';
import { selfishMiningChecks } from './selfish-mining.ts';

describe('proof-of-work closed-form checks', () => {
  it('the quick selfish-mining point matches Eyal & Sirer within 3 SE (R(0.3, 0) ≈ 0.2731)', () => {
    const r = selfishMiningChecks(0).find((c) => c.id === 'selfish-mining.revenue.a0.3-g0')!.run();
    expect(r.expected).toBeCloseTo(0.2731, 4);
    expect(r.passed).toBe(true);
  });

  it('the quick double-spend points match Rosenfeld within 3 SE, with Nakamoto shown beside', () => {
    for (const c of doubleSpendChecks(0).filter((x) => x.quick)) {
      const r = c.run();
      expect(r.passed, c.id).toBe(true);
      expect(r.alongside?.nakamoto).toBeGreaterThan(0);
    }
  });

  it('would catch a simulation judged against the wrong γ (γ = 0 run, γ = 1 formula)', () => {
    const e = estimate(Array.from({ length: 5 }, (_, k) => simulateSelfishMining({ alpha: 0.3, gamma: 0, blocks: 100_000, seed: k }).revenueShare));
    expect(judgeWithin(selfishRevenue(0.3, 1), e, 3, 'share', '').passed).toBe(false);
  });
});
