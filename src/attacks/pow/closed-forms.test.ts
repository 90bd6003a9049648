import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nakamotoDoubleSpend, rosenfeldDoubleSpend, selfishRevenue, selfishThreshold, staleRateFixedDelay } from './closed-forms.ts';

describe('closed forms (docs/references.md §2–3)', () => {
  it('gives Eyal & Sirer R(0.3, 0) ≈ 0.2731 and the thresholds 1/3 at γ = 0 and 1/4 at γ = 1/2', () => {
    expect(selfishRevenue(0.3, 0)).toBeCloseTo(0.2731, 4);
    expect(selfishThreshold(0)).toBeCloseTo(1 / 3, 12);
    expect(selfishThreshold(0.5)).toBeCloseTo(0.25, 12);
  });

  it('pays exactly the fair share at the threshold', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), (gamma) => {
        const t = selfishThreshold(gamma);
        expect(selfishRevenue(t, gamma)).toBeCloseTo(t, 9);
      }),
    );
  });

  it("gives Rosenfeld's 0.0017818 and Nakamoto's 0.0009137 at q = 0.1, z = 5", () => {
    expect(rosenfeldDoubleSpend(0.1, 5)).toBeCloseTo(0.0017818, 7);
    expect(nakamotoDoubleSpend(0.1, 5)).toBeCloseTo(0.0009137, 7);
  });

  it('makes a majority attacker certain to succeed', () => {
    expect(rosenfeldDoubleSpend(0.6, 20)).toBe(1);
    expect(nakamotoDoubleSpend(0.51, 20)).toBe(1);
  });

  it('gives 1 − e^{−d/T} for the stale rate under a fixed delay', () => {
    expect(staleRateFixedDelay(6_000_000, 600_000_000)).toBeCloseTo(1 - Math.exp(-0.01), 12);
  });

  it('rejects shares outside their range', () => {
    expect(() => selfishRevenue(0.5, 0)).toThrow(/alpha/);
    expect(() => rosenfeldDoubleSpend(0.1, 1.5)).toThrow(/z must be/);
  });
});
