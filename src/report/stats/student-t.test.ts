import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from './student-t.ts';

describe('Student t distribution', () => {
  it('matches printed t-table values (two-sided 95 % critical values)', () => {
    // Standard t tables: df 1 → 12.706, 4 → 2.776, 10 → 2.228, 30 → 2.042.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.776, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2.228, 10)).toBeCloseTo(0.025, 4);
  });
});
