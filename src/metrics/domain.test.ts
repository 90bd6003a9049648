import { describe, expect, it } from 'vitest';
import { METRIC_DOCS } from './catalog.ts';
import { clampInterval, clampToDomain, metricDomain } from './domain.ts';

describe('metric domains', () => {
  it('keeps latencies and counts at or above zero and ratios within [0, 1]', () => {
    expect(clampToDomain(-1011, metricDomain('consensus.commit_latency_ms.p99', 'ms'))).toBe(0);
    expect(clampToDomain(-160, metricDomain('consensus.throughput_tps', 'tx/s'))).toBe(0);
    expect(clampToDomain(-2, metricDomain('safety.violations', 'count'))).toBe(0);
    expect(clampToDomain(1.04, metricDomain('iomt.alert_within_target_ratio', 'ratio'))).toBe(1);
    expect(clampToDomain(-0.01, metricDomain('pow.stale_rate', 'ratio'))).toBe(0);
  });

  it('leaves a signed difference and an unknown unit unbounded', () => {
    expect(clampToDomain(-0.05, metricDomain('attack.selfish_mining.gain', 'ratio'))).toBe(-0.05);
    expect(clampToDomain(-3, metricDomain('custom.offset', 'dB'))).toBe(-3);
  });

  it('keeps an alarm rate at or above zero', () => {
    expect(clampInterval('detect.zscore_value.alarms_per_hour', 'alarms/h', -2.421, 66.42)).toEqual([0, 66.42]);
  });

  it('bounds every metric of the catalog below by zero, its one signed difference aside', () => {
    const unbounded = METRIC_DOCS.filter((doc) => doc.name !== 'attack.selfish_mining.gain' && metricDomain(doc.name, doc.unit).min !== 0);
    expect(unbounded.map((doc) => `${doc.name} (${doc.unit})`)).toEqual([]);
  });
});
