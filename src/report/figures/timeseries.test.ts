import { describe, expect, it } from 'vitest';
import type { Configuration } from '../model/report-input.ts';
import { timeseriesFigures } from './timeseries.ts';

describe('measurements over time', () => {
  it('draws no band in a window one replication alone has a value in, and the Student-t band where two do', () => {
    // Window 1 s: replications 0 and 1; window 2 s: replication 0 only (the other committed nothing).
    const f = (xs: number[]) => Float64Array.from(xs);
    const timeseries = { rowCount: 3, point: f([0, 0, 0]), replication: f([0, 1, 0]), timeS: f([1, 1, 2]), columns: new Map([['throughput_tps', f([10, 12, 9])]]) };
    const configuration: Configuration = { label: 'run', run: '', pointIndex: 0, parameters: {}, scenario: {}, timeseries, point: { parameters: {}, n: 2, metrics: {}, checks: [], expectations: [], traceHashes: [] } };
    const rows = timeseriesFigures({ title: 't', configurations: [configuration] }).find((x) => x.name === 'throughput-over-time')!.rows;
    expect(rows[0]).toMatchObject({ time_s: 1, mean: 11, n: 2 });
    expect(rows[0]!['hi']).toBeCloseTo(11 + 12.706 * 1, 2);
    expect(rows[1]).toMatchObject({ time_s: 2, mean: 9, lo: null, hi: null, n: 1 });
  });
});
