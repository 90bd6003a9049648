import { describe, expect, it } from 'vitest';
import { mannWhitneyGreater } from './mann-whitney.ts';

describe('Mann–Whitney U test', () => {
  it('gives the exact one-sided p of a complete separation of 5 against 5: 1 / C(10, 5)', () => {
    const t = mannWhitneyGreater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(t.exact).toBe(true);
    expect(t.u).toBe(25);
    expect(t.pGreater).toBeCloseTo(1 / 252, 12);
  });

  it('matches a hand count for 2 against 2', () => {
    // Orderings of {x1,x2,y1,y2}: 6 equally likely; U ≥ 3 in two of them (xxyy has U=4, xyxy-like has 3).
    const t = mannWhitneyGreater([3, 4], [1, 2.5]);
    expect(t.u).toBe(4);
    expect(t.pGreater).toBeCloseTo(1 / 6, 12);
    expect(mannWhitneyGreater([2, 4], [1, 3]).pGreater).toBeCloseTo(2 / 6, 12);
  });

  it('falls back to the normal approximation with ties', () => {
    const t = mannWhitneyGreater([2, 2, 3, 3, 4], [1, 1, 2, 2, 3]);
    expect(t.exact).toBe(false);
    expect(t.pGreater).toBeGreaterThan(0);
    expect(t.pGreater).toBeLessThan(0.1);
  });

});
