import { describe, expect, it } from 'vitest';
import { ci95, judgeOrderOfMagnitude, proportion } from './stats.ts';

describe('proportion', () => {
  it('carries the exact Clopper–Pearson interval, which ci95 and the order-of-magnitude verdict use', () => {
    const e = proportion(7, 3007);
    const [lo, hi] = ci95(e);
    expect(lo).toBeCloseTo(0.000936433, 8);
    expect(hi).toBeCloseTo(0.004790449, 8);
    // Within ×/÷ √10 of 0.41 % means [0.130 %, 1.30 %]: the lower bound 0.094 % lies below it.
    const r = judgeOrderOfMagnitude(0.0041, e, 0.5, 'ratio', '');
    expect(r.ci95).toEqual([lo, hi]);
    expect(r.passed).toBe(false);
    // Fifteen of 3,025 ([0.278 %, 0.817 %]) lies inside the band.
    expect(judgeOrderOfMagnitude(0.0041, proportion(15, 3025), 0.5, 'ratio', '').passed).toBe(true);
  });
});
