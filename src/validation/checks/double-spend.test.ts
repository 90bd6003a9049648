/**
 * The double-spend checks can fail: run as `iomtsim validate` runs them (Rosenfeld's exact formula,
 * 200,000 races, 3·√(P(1−P)/M)), with the race's merchant broken so that it ships the goods one
 * confirmation early, z − 1 blocks on the payment instead of z. That they pass as shipped is
 * pow-closed-forms.test.ts's concern.
 */
import { describe, expect, it } from 'vitest';
import { DoubleSpendStrategy } from '../../attacks/pow/double-spend-strategy.ts';
import { doubleSpendChecks } from './double-spend.ts';

/**
 * Run `fn` with the merchant shipping after `z − 1` confirmations. The getter is replaced by hand
 * rather than with vi.spyOn: it is read on every block of every race (millions of times), which a
 * spy's bookkeeping slows from milliseconds to seconds.
 */
function withEarlyMerchant<T>(z: number, fn: () => T): T {
  const proto = DoubleSpendStrategy.prototype;
  const shipped = Object.getOwnPropertyDescriptor(proto, 'merchantShipped')!;
  Object.defineProperty(proto, 'merchantShipped', {
    configurable: true,
    get(this: DoubleSpendStrategy) { return this.honestLength >= z - 1; },
  });
  try {
    return fn();
  } finally {
    Object.defineProperty(proto, 'merchantShipped', shipped);
  }
}

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
