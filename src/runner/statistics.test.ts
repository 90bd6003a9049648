import { describe, expect, it } from 'vitest';
import { summarizeValues } from './statistics.ts';

describe('summarizeValues', () => {
  it("clamps the interval to the metric's domain: two skewed p99s give no negative latency, a ratio none past 1", () => {
    const latency = summarizeValues('consensus.commit_latency_ms.p99', 'ms', [120, 2_300]);
    expect(latency.ci95[0]).toBe(0);
    expect(latency.ci95[1]).toBeGreaterThan(2_300);
    expect(summarizeValues('iomt.readings_durable_ratio', 'ratio', [0.99, 1, 0.95]).ci95[1]).toBe(1);
  });

  it('gives the sample sd, and the least and greatest value of positive values', () => {
    // 1, 2, 3, 4, 5: sd √2.5, interval half-width 1.963 (src/stats/confidence.test.ts).
    expect(summarizeValues('consensus.commit_latency_ms.p99', 'ms', [3, 1, 5, 2, 4])).toMatchObject({ sd: Math.sqrt(2.5), min: 1, max: 5, n: 5 });
  });

  it('leaves a signed metric, and the mean, sd, min and max, as the values give them', () => {
    const gain = summarizeValues('attack.selfish_mining.gain', 'ratio', [-0.02, 0.05]);
    expect(gain.ci95[0]).toBeLessThan(-0.02);
    expect(gain.mean).toBeCloseTo(0.015, 12);
    expect(gain).toMatchObject({ min: -0.02, max: 0.05, n: 2 });
  });
});
