import { describe, expect, it } from 'vitest';
import { unknownMetric } from './metric-names.ts';

describe('unknownMetric', () => {
  it('accepts a catalog name', () => {
    expect(unknownMetric('consensus.commit_latency_ms.p99', false)).toBeUndefined();
  });

  it('accepts a name that fills a catalog placeholder (a detector metric)', () => {
    expect(unknownMetric('detect.cusum.alarms_per_hour', false)).toBeUndefined();
  });

  it('refuses a name no catalog lists, suggesting the nearest name for a typo', () => {
    expect(unknownMetric('safety.violation', false)).toBe('a metric name (`iomtsim list metrics` lists them; did you mean safety.violations?)');
  });

  it('suggests nothing for a name far from every metric', () => {
    expect(unknownMetric('throughput', false)).toBe('a metric name (`iomtsim list metrics` lists them)');
  });

  it('accepts any name when plug-ins may report metrics of their own', () => {
    expect(unknownMetric('sequencer.gap_count', true)).toBeUndefined();
  });
});
