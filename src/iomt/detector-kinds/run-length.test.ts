import { describe, expect, it } from 'vitest';
import { normal, Rng } from '../../../sim/index.ts';
import { CusumDetector } from '../detectors.ts';
import { cusumArl, normalInterval, simulatedRunLength } from './run-length.ts';

describe('cusumArl (Brook & Evans Markov chain)', () => {
  it("reproduces Montgomery's ARL table of the two-sided tabular CUSUM with k = ½ (§9.1)", () => {
    // h = 4: ARL 168 in control, 8.38 at a 1σ shift; h = 5: 465 and 10.4.
    expect(cusumArl(0.5, 4, normalInterval())).toBeCloseTo(168, -0.5);
    expect(cusumArl(0.5, 4, normalInterval(1))).toBeCloseTo(8.38, 1);
    expect(cusumArl(0.5, 5, normalInterval())).toBeCloseTo(465, -0.5);
    expect(cusumArl(0.5, 5, normalInterval(1))).toBeCloseTo(10.4, 1);
  });
});

describe('simulatedRunLength', () => {
  it("matches the chain's in-control ARL when the detector's own code runs on normal samples after a long warm-up", () => {
    const rng = new Rng(1);
    const sample = (r: Rng) => normal(r, 10, 2);
    const { mean, censored } = simulatedRunLength({ create: () => new CusumDetector({ k: 0.5, h: 4, warmup: 2000 }), warmup: 2000, inControl: sample, process: sample, runs: 400, maxSamples: 100_000, rng });
    expect(censored).toBe(0);
    // 400 run lengths of mean 168 (sd ≈ mean): the mean is within 15 % about 97 % of the time.
    expect(Math.abs(mean / 168 - 1)).toBeLessThan(0.15);
  });
});
