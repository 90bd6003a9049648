import { describe, expect, it } from 'vitest';
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
});
