import { describe, expect, it } from 'vitest';
import { mean } from './descriptive.ts';
import { pairedRatioInterval, welchRatioInterval } from './fieller.ts';
import { studentTQuantile } from './student-t.ts';

describe("Fieller's interval of a ratio of means", () => {
  it('paired: holds the ratio of the means, and θ at each end makes mean(b) − θ·mean(a) exactly t standard errors from 0', () => {
    const a = [100, 104, 98, 101, 97];
    const b = [110, 116, 107, 112, 105];
    const [lo, hi] = pairedRatioInterval(a, b)!;
    const ratio = mean(b) / mean(a);
    expect(lo).toBeLessThan(ratio);
    expect(hi).toBeGreaterThan(ratio);
    const t = studentTQuantile(0.975, 4);
    for (const theta of [lo, hi]) {
      const z = b.map((y, i) => y - theta * a[i]!);
      const m = mean(z);
      const sd = Math.sqrt(z.reduce((s, v) => s + (v - m) ** 2, 0) / 4);
      expect(Math.abs(m) / (sd / Math.sqrt(5))).toBeCloseTo(t, 8);
    }
  });

  it('is the single ratio where neither side has spread, and 1 where every pair agrees', () => {
    expect(pairedRatioInterval([2, 2, 2], [3, 3, 3])).toEqual([1.5, 1.5]);
    const same = pairedRatioInterval([5, 7, 9], [5, 7, 9])!;
    expect(same[0]).toBeCloseTo(1, 12);
    expect(same[1]).toBeCloseTo(1, 12);
  });

  it("is unbounded (null) where A's mean does not differ significantly from 0, and with fewer than two values", () => {
    expect(pairedRatioInterval([-1, 2, -0.5, 1], [3, 4, 5, 6])).toBeNull();
    expect(welchRatioInterval([-1, 2, -0.5, 1], [3, 4, 5, 6])).toBeNull();
    // B without spread at 0 (every violation gone) does not make A's noisy mean known.
    expect(welchRatioInterval([0, 0, 3], [0, 0, 0])).toBeNull();
    expect(pairedRatioInterval([0, 0, 3], [0, 0, 0])).toBeNull();
    expect(pairedRatioInterval([1], [2])).toBeNull();
    expect(welchRatioInterval([1, 2], [2])).toBeNull();
  });

  it('Welch: holds the ratio of the means, each end t standard errors of mean(b) − θ·mean(a) from 0', () => {
    const a = [100, 104, 98, 101];
    const b = [120, 131, 118, 125, 129, 122];
    const [lo, hi] = welchRatioInterval(a, b)!;
    const ratio = mean(b) / mean(a);
    expect(lo).toBeLessThan(ratio);
    expect(hi).toBeGreaterThan(ratio);
    const variance = (xs: number[]) => { const m = mean(xs); return xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1); };
    const vA = variance(a) / 4;
    const vB = variance(b) / 6;
    const df = (vB + ratio * ratio * vA) ** 2 / (vB ** 2 / 5 + (ratio * ratio * vA) ** 2 / 3);
    const t = studentTQuantile(0.975, df);
    for (const theta of [lo, hi]) expect(Math.abs(mean(b) - theta * mean(a)) / Math.sqrt(vB + theta * theta * vA)).toBeCloseTo(t, 8);
  });
});
