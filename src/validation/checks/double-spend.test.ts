/**
 * The double-spend checks can fail: run as `iomtsim validate` runs them (Rosenfeld's exact formula,
 * 200,000 races, 3·√(P(1−P)/M)), with the race's merchant broken so that it ships the goods one
 * confirmation early, z − 1 blocks on the payment instead of z (which changes nothing at z = 1:
 * the merchant ships at the first honest block either way), or with an attacker that releases a fork
 * which only draws level. Every point also passes as shipped (the races are fast).
 */
import { describe, expect, it } from 'vitest';
import { DoubleSpendStrategy, type DoubleSpendAction } from '../../attacks/pow/double-spend-strategy.ts';
import { doubleSpendChecks } from './double-spend.ts';
import { withReplacedProperty } from './testing/replaced-property.ts';

/** Run `fn` with the merchant shipping after `z − 1` confirmations (testing/replaced-property.ts). */
function withEarlyMerchant<T>(z: number, fn: () => T): T {
  return withReplacedProperty(DoubleSpendStrategy.prototype, 'merchantShipped', () => ({
    get(this: DoubleSpendStrategy) { return this.honestLength >= z - 1; },
  }), fn);
}

/**
 * Run `fn` with an attacker that releases its fork once the merchant has shipped and the fork is as
 * long as the honest chain above the fork point, not strictly longer (Rosenfeld 2014 §5: the
 * attacker succeeds only by overtaking; a fork that draws level does not replace the chain honest
 * nodes saw first).
 */
function withAttackerReleasingOnATie<T>(fn: () => T): T {
  return withReplacedProperty(DoubleSpendStrategy.prototype, 'decide', (shipped) => ({
    ...shipped,
    value(this: DoubleSpendStrategy): DoubleSpendAction {
      if (this.merchantShipped && this.privateLength === this.honestLength) {
        this.done = 'released';
        return 'release';
      }
      return (shipped.value as (this: DoubleSpendStrategy) => DoubleSpendAction).call(this);
    },
  }), fn);
}

describe('every double-spend check', () => {
  const checks = doubleSpendChecks(0);

  it('passes as shipped (all 18, at the shipped seeds)', () => {
    expect(checks).toHaveLength(18);
    expect(checks.filter((c) => !c.run().passed).map((c) => c.id)).toEqual([]);
  });

  it('fails at every point, z = 1 included, when the attacker releases a fork that only draws level', () => {
    const wrong = withAttackerReleasingOnATie(() => checks.map((c) => ({ id: c.id, r: c.run() })));
    expect(wrong.filter(({ r }) => r.passed).map(({ id }) => id)).toEqual([]);
    for (const { id, r } of wrong) expect(r.simulated, id).toBeGreaterThan(r.expected);
  });
});

describe('double-spend checks', () => {
  it('fail at both quick points when the merchant ships after z − 1 confirmations', () => {
    const quick = doubleSpendChecks(0).filter((c) => c.quick);
    expect(quick.map((c) => c.id)).toEqual(['double-spend.success.q0.1-z5', 'double-spend.success.q0.3-z3']);
    for (const c of quick) {
      const z = Number(/-z(\d+)$/.exec(c.id)![1]);
      const r = withEarlyMerchant(z, () => c.run());
      expect(r.passed, c.id).toBe(false);
      // One confirmation fewer makes the attack more likely to succeed, not less.
      expect(r.simulated, c.id).toBeGreaterThan(r.expected);
    }
  });
});
