import { describe, expect, it } from 'vitest';
import { Rng, lognormal } from '../../sim/index.ts';
import { LogHistogram } from './log-histogram.ts';

describe('LogHistogram', () => {
  it('reports nearest-rank percentiles within 0.1 % of the exact ones and the exact mean, min and max', () => {
    const rng = new Rng(5);
    const xs: number[] = [];
    const approx = new LogHistogram();
    for (let i = 0; i < 50_000; i++) {
      const x = lognormal(rng, Math.log(2500), 0.8);
      xs.push(x);
      approx.add(x);
    }
    xs.sort((a, b) => a - b);
    for (const p of [1, 50, 95, 99, 99.9]) {
      const e = xs[Math.ceil((p / 100) * xs.length) - 1]!;
      expect(Math.abs(approx.percentile(p) - e) / e, `p${p}`).toBeLessThan(0.001);
    }
    expect(approx.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 6);
    expect(approx.max).toBe(xs[xs.length - 1]);
  });
});
