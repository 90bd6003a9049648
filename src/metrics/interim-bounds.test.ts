/** Interim lower bounds hold against every way the rest of a run could go (fixed seeds). */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/index.ts';
import { Histogram } from './histogram.ts';
import { meanLowerBound, quantileLowerBound } from './interim-bounds.ts';

function histogramOf(values: readonly number[]): Histogram {
  const h = new Histogram();
  for (const v of values) h.add(v);
  return h;
}

/** A run so far (n samples) and one of its possible ends (up to maxSamples, extra samples ≥ 0). */
function scenarioFrom(rng: Rng) {
  const seen = Array.from({ length: 1 + rng.int(300) }, () => rng.float() * 1000);
  const maxSamples = seen.length + rng.int(200);
  const extra = Array.from({ length: rng.int(maxSamples - seen.length + 1) }, () => (rng.int(2) === 0 ? 0 : rng.float() * 2000));
  return { seen, maxSamples, final: histogramOf([...seen, ...extra]) };
}

describe('quantileLowerBound', () => {
  it('is never above the final p99, p95, p50 or mean, whatever samples the rest of the run adds', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 2000; trial++) {
      const { seen, maxSamples, final } = scenarioFrom(rng);
      const now = histogramOf(seen);
      for (const p of [50, 95, 99]) expect(quantileLowerBound(now, p, 100, maxSamples)).toBeLessThanOrEqual(final.percentile(p));
      expect(meanLowerBound(now, maxSamples)).toBeLessThanOrEqual(final.mean + 1e-9);
    }
  });

  it('is attained when the rest of the run adds only zeros, up to the bound', () => {
    const seen = Array.from({ length: 50 }, (_, i) => 100 + i);
    const now = histogramOf(seen);
    const final = histogramOf([...seen, ...new Array<number>(50).fill(0)]);
    // Rank ⌊99 · 0.99⌋ − 50 = 48 among the seen samples: 148, and the final p99 interpolates from it.
    expect(quantileLowerBound(now, 99, 100, 100)).toBe(148);
    expect(final.percentile(99)).toBeGreaterThanOrEqual(148);
    expect(final.percentile(99)).toBeLessThan(149);
  });

  it('knows nothing (0) while too few samples are in, or with no bound on the samples to come', () => {
    const now = histogramOf([500, 600, 700]);
    expect(quantileLowerBound(now, 99, 100, 1_000)).toBe(0);
    expect(quantileLowerBound(now, 50, 100, Infinity)).toBe(0);
  });

  it('the current quantile is no such bound (the broken variant): later fast samples pull it below', () => {
    const rng = new Rng(11);
    let violated = 0;
    for (let trial = 0; trial < 500; trial++) {
      const { seen, final } = scenarioFrom(rng);
      if (histogramOf(seen).percentile(99) > final.percentile(99)) violated++;
    }
    expect(violated).toBeGreaterThan(0);
  });
});
