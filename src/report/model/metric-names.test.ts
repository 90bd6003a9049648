import { describe, expect, it } from 'vitest';
import { metricFamilies, quantileOfSegment } from './metric-names.ts';

describe('metric names', () => {
  it('reads percentile segments', () => {
    expect(quantileOfSegment('p50')).toBe(0.5);
    expect(quantileOfSegment('p5')).toBe(0.05);
    expect(quantileOfSegment('p999')).toBe(0.999);
    expect(quantileOfSegment('p100')).toBe(1);
    expect(quantileOfSegment('max')).toBe(1);
    expect(quantileOfSegment('mean')).toBeNull();
    expect(quantileOfSegment('tps')).toBeNull();
  });

  it('groups percentiles and means into families, ordered by quantile', () => {
    const families = metricFamilies(['a.lat_ms.p99', 'a.lat_ms.mean', 'a.lat_ms.p50', 'a.throughput_tps']);
    expect([...families.keys()]).toEqual(['a.lat_ms']);
    expect(families.get('a.lat_ms')?.map((m) => m.stat)).toEqual(['p50', 'p99', 'mean']);
  });
});
