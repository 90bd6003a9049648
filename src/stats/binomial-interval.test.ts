import { describe, expect, it } from 'vitest';
import { clopperPearson } from './binomial-interval.ts';

describe('Clopper–Pearson interval', () => {
  it('matches known answers: 7 of 3,007 and 1 of 10', () => {
    // The bounds are the beta quantiles B⁻¹(0.025; x, n − x + 1) and B⁻¹(0.975; x + 1, n − x);
    // computed independently with scipy.stats.beta.ppf (SciPy 1.17): 7 of 3,007 → [0.093643 %,
    // 0.479045 %]; 1 of 10 → [0.0025286, 0.4450161].
    const a = clopperPearson(7, 3007);
    expect(a.lo).toBeCloseTo(0.0009364334077, 11);
    expect(a.hi).toBeCloseTo(0.0047904488317, 11);
    const b = clopperPearson(1, 10);
    expect(b.lo).toBeCloseTo(0.0025285785445, 10);
    expect(b.hi).toBeCloseTo(0.4450161170282, 10);
  });

  it('has the closed forms at the edges: 0 of n → [0, 1 − (α/2)^{1/n}], n of n → [(α/2)^{1/n}, 1]', () => {
    const none = clopperPearson(0, 20);
    expect(none.lo).toBe(0);
    expect(none.hi).toBeCloseTo(1 - 0.025 ** (1 / 20), 12);
    const all = clopperPearson(20, 20);
    expect(all.lo).toBeCloseTo(0.025 ** (1 / 20), 12);
    expect(all.hi).toBe(1);
  });

  it('is not the Wald interval: for rare events it is asymmetric and stays above zero', () => {
    const { lo, hi } = clopperPearson(7, 3007);
    const p = 7 / 3007;
    const wald = 1.959964 * Math.sqrt((p * (1 - p)) / 3007);
    expect(lo).toBeGreaterThan(p - wald);
    expect(hi).toBeGreaterThan(p + wald);
    expect(hi - p).toBeGreaterThan(p - lo);
  });

  it('rejects impossible counts and levels', () => {
    expect(() => clopperPearson(4, 3)).toThrow(RangeError);
    expect(() => clopperPearson(1.5, 3)).toThrow(RangeError);
    expect(() => clopperPearson(0, 0)).toThrow(RangeError);
    expect(() => clopperPearson(1, 3, 1)).toThrow(RangeError);
  });
});
