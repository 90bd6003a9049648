import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from './student-t.ts';

describe("Student's t quantile", () => {
  it('matches printed two-sided 95 % critical values', () => {
    // Standard t tables: df 1 → 12.706, 4 → 2.776, 10 → 2.228, 30 → 2.042.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
  });

  it('stays exact above 30 degrees of freedom instead of jumping to the normal 1.96', () => {
    expect(studentTQuantile(0.975, 49)).toBeCloseTo(2.0096, 4);
    expect(studentTQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('is antisymmetric around the median and inverts the CDF, fractional df included', () => {
    expect(studentTQuantile(0.025, 7)).toBe(-studentTQuantile(0.975, 7));
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTCdf(studentTQuantile(0.9, 5.88), 5.88)).toBeCloseTo(0.9, 12);
  });

  it('rejects probabilities outside (0, 1) and non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
  });
});

describe("Student's t CDF", () => {
  it('is one half at zero and matches a table value in the tail', () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2.228, 10)).toBeCloseTo(0.025, 4);
  });
});
