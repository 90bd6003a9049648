import { describe, expect, it } from 'vitest';
import { detectorMetricPrefix } from '../../iomt/detector-bank.ts';
import { headlineMetrics, metricFamilies, quantileOfSegment } from './metric-names.ts';

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

  it("counts a detector's scores, under the name the detector bank gives them, among the key numbers", () => {
    const detector = detectorMetricPrefix('cusum:interarrival');
    const scores = ['detection_rate', 'false_positive_rate', 'time_to_detect_ms', 'false_alarms_per_hour'].map((score) => `${detector}.${score}`);
    expect(headlineMetrics([...scores, `${detector}.alarms_per_hour`])).toEqual([...scores].sort());
  });
});
