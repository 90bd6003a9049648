import { describe, expect, it } from 'vitest';
import { Rng, normal } from '../../sim/index.ts';
import { CusumDetector, CusumDetectors, EwmaDetector, ZScoreDetector, type StreamDetector } from './detectors.ts';
import { DetectorBank, FEATURE_INDEX } from './detector-bank.ts';

/** Feed `n` in-control samples N(10, 1), then `m` shifted ones; return indices of alarms. */
function run(d: StreamDetector, n: number, m: number, shift: number, seed = 7): number[] {
  const rng = new Rng(seed);
  const alarms: number[] = [];
  for (let i = 0; i < n + m; i++) {
    const x = normal(rng, 10 + (i >= n ? shift : 0), 1);
    if (d.update(x)) alarms.push(i);
  }
  return alarms;
}

describe('EwmaDetector', () => {
  it('raises no alarm on an in-control stream and alarms soon after a 3σ shift', () => {
    const quiet = run(new EwmaDetector({ lambda: 0.2, limitSigmas: 4, warmup: 50 }), 1000, 0, 0);
    expect(quiet).toEqual([]);
    const shifted = run(new EwmaDetector({ lambda: 0.2, limitSigmas: 4, warmup: 50 }), 500, 50, 3);
    expect(shifted.length).toBeGreaterThan(0);
    expect(shifted[0]!).toBeGreaterThanOrEqual(500);
    expect(shifted[0]!).toBeLessThan(510);
  });
});

describe('CusumDetector', () => {
  it('detects a small sustained shift (1σ) that a 4σ z-score misses', () => {
    const cusum = run(new CusumDetector({ k: 0.5, h: 8, warmup: 100 }), 500, 200, 1);
    const z = run(new ZScoreDetector({ threshold: 4, warmup: 100 }), 500, 200, 1);
    expect(cusum.filter((i) => i >= 500).length).toBeGreaterThan(0);
    expect(cusum.filter((i) => i < 500)).toEqual([]);
    expect(z.filter((i) => i >= 500).length).toBeLessThan(3);
  });
});

describe('CusumDetector under an intermittent shift', () => {
  // default.yaml's inter-arrival chart: a 1 s device (±20 ms uniform jitter, σ ≈ 11.6 ms). A replay
  // 2 s late puts each copy a few ms after its original: every other inter-arrival ≈ 0.
  const p = { k: 1.5, h: 7, warmup: 50 };
  /** One device's chart at its gateway, fed in-control gaps and replays; the edges it reported. */
  function chart(seed: number) {
    const rng = new Rng(seed);
    const bank = new DetectorBank([{ type: 'cusum', scope: 'device', feature: 'interarrival', ...p }], 'device');
    const edges: string[] = [];
    const normalGap = () => 1 + (rng.float() - 0.5) * 0.04;
    const feed = (x: number) => {
      const e = bank.feed(FEATURE_INDEX.interarrival, 0, x);
      for (const d of e?.raised ?? []) edges.push(`raised ${d}`);
      for (const d of e?.cleared ?? []) edges.push(`cleared ${d}`);
    };
    return {
      edges,
      quiet(n: number) {
        for (let i = 0; i < n; i++) feed(normalGap());
      },
      replay(copies: number) {
        for (let i = 0; i < copies; i++) {
          const lag = 0.002 + rng.float() * 0.003;
          feed(lag);
          feed(normalGap() - lag);
        }
      },
    };
  }

  it('raises one alarm for a sustained replay, held while it lasts, not one per replayed copy', () => {
    const c = chart(11);
    c.quiet(100);
    c.replay(200);
    expect(c.edges).toEqual(['raised cusum:interarrival']);
  });

  it('raises a second alarm for a second replay after a long in-control stretch, having cleared in between', () => {
    const c = chart(12);
    c.quiet(100);
    c.replay(5);
    // Five copies put S⁻ near 5 × 85σ; in control it drains by about k = 1.5 a sample.
    c.quiet(1_000);
    c.replay(5);
    expect(c.edges).toEqual(['raised cusum:interarrival', 'cleared cusum:interarrival', 'raised cusum:interarrival']);
  });
});

describe('ZScoreDetector', () => {
  it('alarms once on a single large outlier and re-arms after it', () => {
    const d = new ZScoreDetector({ threshold: 5, warmup: 20 });
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) d.update(normal(rng, 50, 2));
    expect(d.update(200)).toBe(true);
    expect(d.update(200)).toBe(false); // still out of control: no second alarm
    expect(d.update(50)).toBe(false);
    expect(d.update(200)).toBe(true);
  });
});

describe('DetectorBank', () => {
  it('routes a feature only to the detectors of its scope and names them type:feature', () => {
    const bank = new DetectorBank(
      [
        { type: 'zscore', scope: 'device', feature: 'value', threshold: 3, warmup: 5 },
        { type: 'zscore', scope: 'gateway', feature: 'rate', threshold: 3, warmup: 5 },
      ],
      'device',
    );
    const names: string[] = [];
    for (let i = 0; i < 10; i++) names.push(...(bank.feed(1, 0, 10 + (i % 2))?.raised ?? []));
    names.push(...(bank.feed(2, 0, 1e6)?.raised ?? []));
    names.push(...(bank.feed(1, 0, 1e6)?.raised ?? []));
    expect(names).toEqual(['zscore:value']);
  });

  it('reports a detector back in control on the sample that brings it back, and nothing in between', () => {
    const bank = new DetectorBank([{ type: 'zscore', scope: 'device', feature: 'value', threshold: 3, warmup: 5 }], 'device', undefined, 2);
    for (let i = 0; i < 10; i++) bank.feed(1, 1, 10 + (i % 2));
    expect(bank.feed(1, 1, 1e6)).toEqual({ raised: ['zscore:value'], cleared: [] });
    expect(bank.feed(1, 1, 1e6)).toBeUndefined();
    expect(bank.feed(1, 1, 10)).toEqual({ raised: [], cleared: ['zscore:value'] });
    expect(bank.feed(1, 1, 11)).toBeUndefined();
  });
});

describe('CusumDetectors', () => {
  it('keeps each subject to itself: streams fed interleaved alarm exactly when each alone in its own detector does', () => {
    const p = { k: 0.5, h: 4, warmup: 20 };
    const rng = new Rng(5);
    const streams = [0, 1, 2].map((s) => Array.from({ length: 300 }, (_, i) => 10 * (s + 1) + normal(rng, 0, 1) + (i > 150 + 40 * s ? 3 : 0)));
    const alone = streams.map((xs) => {
      const d = new CusumDetector(p);
      return xs.flatMap((x, i) => (d.update(x) ? [i] : []));
    });
    const packed = new CusumDetectors(p, 3);
    const together: number[][] = [[], [], []];
    for (let i = 0; i < 300; i++) for (const s of [2, 0, 1]) if (packed.update(s, streams[s]![i]!)) together[s]!.push(i);
    expect(alone.every((a) => a.length > 0)).toBe(true);
    expect(together).toEqual(alone);
  });
});

