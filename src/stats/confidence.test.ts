import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, tHalfWidth } from './confidence.ts';

describe('confidence interval of a mean', () => {
  it('is mean ± t(0.975, n − 1) · sd / √n', () => {
    // mean 3, sd √2.5, t(0.975, 4) = 2.7764: half-width 2.7764 · 1.5811 / 2.2361 = 1.9632.
    const ci = meanInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.halfWidth).toBeCloseTo(1.9632, 4);
    expect(ci.lo).toBeCloseTo(3 - 1.9632, 4);
    expect(ci.hi).toBeCloseTo(3 + 1.9632, 4);
  });

  it('keeps its width for values far from zero: 1e9 + {0.1, 0.2, 0.3} has half-width 0.248', () => {
    expect(meanInterval([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3]).halfWidth).toBeCloseTo(0.2484, 3);
  });

  it('has zero width for a single value', () => {
    expect(meanInterval([7])).toEqual({ mean: 7, halfWidth: 0, lo: 7, hi: 7, sd: 0, n: 1 });
  });

  it('has the same half-width when every value is shifted by a constant', () => {
    const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(sample, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (values, shift) => {
        const base = meanInterval(values).halfWidth;
        const shifted = meanInterval(values.map((v) => v + shift)).halfWidth;
        expect(Math.abs(shifted - base)).toBeLessThanOrEqual(1e-6 * (1 + base));
      }),
      { seed: 13 },
    );
  });

  it('scales a standard error by the exact t quantile', () => {
    expect(tHalfWidth(1, 49)).toBeCloseTo(2.0096, 4);
  });
});
