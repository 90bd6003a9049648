import { describe, expect, it } from 'vitest';
import { formatMeanCi, meanCiNote, partialN } from './format.ts';

describe('formatMeanCi', () => {
  it("clamps the interval to the metric's domain", () => {
    expect(formatMeanCi('consensus.commit_latency_ms.p99', { unit: 'ms', mean: 706, ci95: [-1011, 2423], n: 2 })).toBe('706 [0, 2,423]');
    expect(formatMeanCi('iomt.alert_within_target_ratio', { unit: 'ratio', mean: 0.97, ci95: [0.9, 1.04], n: 2 })).toBe('0.97 [0.9, 1]');
  });

  it('prints the value alone at n = 1, and the table note says there is no interval', () => {
    expect(formatMeanCi('consensus.throughput_tps', { unit: 'tx/s', mean: 99.5, ci95: [99.5, 99.5], n: 1 })).toBe('99.5');
    expect(meanCiNote([{ point: { n: 1 } }])).toContain('no confidence interval at n = 1');
    expect(meanCiNote([{ point: { n: 1 } }, { point: { n: 3 } }])).toContain('95 % confidence interval');
  });
});

describe('partialN', () => {
  const p50 = (n: number, mean: number | null = 687.7) => ({ unit: 'ms', mean, ci95: [0, 6460] as [number, number], n, sd: 642.5, min: 233, max: 1142 });

  it('says when a metric has values from fewer replications than its configuration ran', () => {
    expect(partialN(p50(2), 3)).toBe(' (n=2 of 3)');
  });

  it('says nothing when every replication gave a value, or none did', () => {
    expect(partialN(p50(3), 3)).toBe('');
    expect(partialN(p50(0, null), 3)).toBe('');
  });
});
