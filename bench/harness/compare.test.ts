import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/index.ts';
import { compareReports, compareSpeed, hasRegression } from './compare.ts';
import type { FullReport, RunSample } from './results.ts';

/**
 * Synthetic normalized wall times (no timing in tests): 3 % lognormal noise, and one run in ten
 * slowed by up to 15 % as when a neighbour takes the core.
 */
function noisyTimes(rng: Rng, n: number, base: number): number[] {
  return Array.from({ length: n }, () => {
    const u1 = 1 - rng.float(), u2 = rng.float();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    const neighbour = rng.float() < 0.1 ? 1 + 0.15 * rng.float() : 1;
    return base * Math.exp(0.03 * z) * neighbour;
  });
}

const THRESHOLD = 0.1;

describe('speed comparator', () => {
  it('flags a 25 % slowdown', () => {
    const rng = new Rng(1).stream('slowdown');
    const c = compareSpeed(noisyTimes(rng, 5, 10), noisyTimes(rng, 5, 12.5), THRESHOLD);
    expect(c.verdict).toBe('slower');
    expect(c.change).toBeGreaterThan(0.15);
  });

  it('flags a 25 % slowdown in at least 95 of 100 independent synthetic trials', () => {
    let flagged = 0;
    for (let i = 0; i < 100; i++) {
      const rng = new Rng(i).stream('slowdown-trials');
      if (compareSpeed(noisyTimes(rng, 5, 10), noisyTimes(rng, 5, 12.5), THRESHOLD).verdict === 'slower') flagged++;
    }
    expect(flagged).toBeGreaterThanOrEqual(95);
  });

  it('does not flag two samples of the same build', () => {
    const rng = new Rng(2).stream('same');
    expect(compareSpeed(noisyTimes(rng, 5, 10), noisyTimes(rng, 5, 10), THRESHOLD).verdict).toBe('same');
  });

  it('raises a false alarm in at most 1 of 200 same-build synthetic trials', () => {
    let flagged = 0;
    for (let i = 0; i < 200; i++) {
      const rng = new Rng(i).stream('same-trials');
      if (compareSpeed(noisyTimes(rng, 5, 10), noisyTimes(rng, 5, 10), THRESHOLD).verdict === 'slower') flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(1);
  });

  it('does not flag a slowdown below the threshold even when it is significant', () => {
    const c = compareSpeed([10, 10.01, 10.02, 10.03, 10.04], [10.5, 10.51, 10.52, 10.53, 10.54], THRESHOLD);
    expect(c.pSlower).toBeLessThan(0.05);
    expect(c.verdict).toBe('same');
  });

  it('does not flag one slow outlier', () => {
    expect(compareSpeed([10, 10.1, 9.9, 10.05, 9.95], [10, 10.1, 9.9, 10.05, 30], THRESHOLD).verdict).toBe('same');
  });

  it('calls a 25 % speed-up faster, not a regression', () => {
    const rng = new Rng(3).stream('faster');
    expect(compareSpeed(noisyTimes(rng, 5, 10), noisyTimes(rng, 5, 7.5), THRESHOLD).verdict).toBe('faster');
  });

  it('compares CPU time normalized by the calibration loop, so a uniformly slower machine is not a regression', () => {
    const report = (cpuScale: number, calibScale: number): FullReport => {
      const rng = new Rng(4).stream('machine');
      const samples: RunSample[] = noisyTimes(rng, 5, 1_000).map((t) => ({
        wallMs: t * cpuScale, cpuMs: t * cpuScale, calibrationMs: 100 * calibScale, calibrationCpuMs: 100 * calibScale, events: 1e6, simulatedSeconds: 1,
      }));
      return {
        schema: 'iomtsim.bench/1', suite: 'quick', startedAt: '', finishedAt: '', runsPerEntry: 5,
        environment: { cpuModel: '', cpuCores: 1, totalMemoryBytes: 0, nodeVersion: '', v8Version: '', platform: '', arch: '', commit: '', dirty: false },
        entries: [{ name: 'engine.phold', description: '', samples, peakRssBytes: 0, metrics: {} }],
      };
    };
    const baseline = report(1, 1);
    expect(hasRegression(compareReports(baseline, report(1.4, 1.4), THRESHOLD))).toBe(false);
    expect(hasRegression(compareReports(baseline, report(1.4, 1), THRESHOLD))).toBe(true);
  });
});
