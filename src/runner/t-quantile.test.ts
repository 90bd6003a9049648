import { describe, expect, it } from 'vitest';
import { studentTQuantile } from './t-quantile.ts';

describe('studentTQuantile', () => {
  // Two-sided 95 % critical values from standard t tables.
  const table: Array<[number, number]> = [[1, 12.706], [2, 4.303], [4, 2.776], [7, 2.365], [9, 2.262], [29, 2.045], [100, 1.984]];
  for (const [df, expected] of table) {
    it(`matches the table at df=${df}`, () => {
      expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
    });
  }
});
