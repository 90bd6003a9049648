import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.ts';
import { TimeWindows } from './windows.ts';

describe('Histogram', () => {
  it('computes exact percentiles by linear interpolation between ranks', () => {
    const h = new Histogram();
    for (const x of [5, 1, 4, 2, 3]) h.add(x);
    expect(h.percentile(50)).toBe(3);
    expect(h.percentile(25)).toBe(2);
    expect(h.percentile(90)).toBeCloseTo(4.6, 12);
    expect(h.summary()).toMatchObject({ count: 5, mean: 3, min: 1, max: 5 });
  });

  it('summarizes p50, p95 and p99 by the same interpolation between ranks', () => {
    const h = new Histogram();
    for (const x of [40, 10, 1000, 30, 20]) h.add(x);
    // Sorted 10, 20, 30, 40, 1000: p at rank 4·p/100. p50: rank 2 → 30 (the mean is 220);
    // p95: rank 3.8 → 40 + 0.8·960 = 808; p99: rank 3.96 → 40 + 0.96·960 = 961.6 (exact up to float rounding).
    const s = h.summary();
    expect(s.p50).toBe(30);
    expect(s.p95).toBeCloseTo(808, 9);
    expect(s.p99).toBeCloseTo(961.6, 9);
  });

  it('grows past its initial capacity and re-sorts after new samples', () => {
    const h = new Histogram();
    for (let i = 3000; i > 0; i--) h.add(i);
    expect(h.percentile(100)).toBe(3000);
    h.add(10_000);
    expect(h.percentile(100)).toBe(10_000);
    expect(h.count).toBe(3001);
  });

  it('is NaN when empty', () => {
    expect(new Histogram().summary().p99).toBeNaN();
  });
});

describe('TimeWindows', () => {
  it('turns sums into per-second rates and means per window', () => {
    const w = new TimeWindows(0, 2_000_000, 1_000_000);
    w.record('n', 100, 3);
    w.record('n', 999_999, 1);
    w.record('lat', 1_500_000, 10);
    w.record('lat', 1_600_000, 20);
    w.record('n', 2_000_000, 99);
    const rows = w.rows({ rate: 'n' }, { latMean: 'lat' });
    expect(rows).toEqual([
      { timeS: 1, rate: 4, latMean: NaN },
      { timeS: 2, rate: 0, latMean: 15 },
    ]);
  });

  it('divides the last window by its real length when the span is not a multiple of the width', () => {
    const w = new TimeWindows(0, 1_500_000, 1_000_000);
    w.record('n', 500_000, 10);
    w.record('n', 1_200_000, 6);
    w.record('n', 1_499_999, 4);
    const rows = w.rows({ rate: 'n' }, {});
    // The second window runs from 1 s to 1.5 s: 10 commits in 0.5 s are 20 per second, not 10.
    expect(rows).toEqual([
      { timeS: 1, rate: 10 },
      { timeS: 1.5, rate: 10 / 0.5 },
    ]);
  });

  it('adds a remainder under half a width to the last whole window, so no rate rests on a sliver', () => {
    const w = new TimeWindows(0, 2_003_000, 1_000_000);
    w.record('n', 1_500_000, 300);
    w.record('n', 2_001_000, 2);
    const rows = w.rows({ rate: 'n' }, {});
    // 2 events in the last 3 ms would read 667 per second beside 300; they join the second window.
    expect(rows).toEqual([
      { timeS: 1, rate: 0 },
      { timeS: 2.003, rate: 302 / 1.003 },
    ]);
    expect(new TimeWindows(0, 400_000, 1_000_000).rows({ rate: 'n' }, {})).toHaveLength(1);
  });
});
