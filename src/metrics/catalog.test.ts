import { describe, expect, it } from 'vitest';
import { METRIC_DOCS, metricDoc } from './catalog.ts';

describe('METRIC_DOCS', () => {
  it('names each metric once, in dotted lower snake case (a <placeholder> stands for a family)', () => {
    const names = METRIC_DOCS.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z][a-z0-9_]*(\.([a-z0-9_]+|<[a-z_]+>))+$/);
  });

  it('finds a metric by its exact name or through a placeholder standing for one name segment', () => {
    expect(metricDoc('consensus.throughput_tps')?.unit).toBe('tx/s');
    expect(metricDoc('detect.cusum_interarrival.alarms_per_hour')?.name).toBe('detect.<detector>.alarms_per_hour');
    expect(metricDoc('detect.cusum.interarrival.alarms_per_hour')).toBeUndefined();
    expect(metricDoc('consensus.throughput')).toBeUndefined();
  });
});

