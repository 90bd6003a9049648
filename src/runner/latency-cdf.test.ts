import { describe, expect, it } from 'vitest';
import { QUANTILE_GRID } from '../metrics/distribution.ts';
import { summarizeDistributions } from './latency-cdf.ts';

const grid = (f: (q: number) => number) => QUANTILE_GRID.map(f);

describe('summarizeDistributions (Vincentized average over replications)', () => {
  it('averages each quantile over the replications, paired with its probability', () => {
    const cdf = summarizeDistributions([
      { replication: 0, distributions: { 'x.latency_ms': { unit: 'ms', quantiles: grid((q) => 100 * q) } } },
      { replication: 1, distributions: { 'x.latency_ms': { unit: 'ms', quantiles: grid((q) => 10 + 300 * q) } } },
    ])!;
    const x = cdf['x.latency_ms']!;
    expect(x.unit).toBe('ms');
    expect(x.n).toBe(2);
    expect(x.points).toHaveLength(QUANTILE_GRID.length);
    expect(x.points[0]).toEqual([5, 0]);
    expect(x.points[50]).toEqual([(50 + 160) / 2, 0.5]);
    expect(x.points.at(-1)).toEqual([(100 + 310) / 2, 1]);
  });

  it('counts only the replications that recorded a family', () => {
    const cdf = summarizeDistributions([
      { replication: 0, distributions: { a: { unit: 'ms', quantiles: grid(() => 4) }, b: { unit: 'ms', quantiles: grid(() => 7) } } },
      { replication: 1, distributions: { a: { unit: 'ms', quantiles: grid(() => 8) } } },
      { replication: 2 },
    ])!;
    expect(cdf['a']!.n).toBe(2);
    expect(cdf['a']!.points[10]![0]).toBe(6);
    expect(cdf['b']!.n).toBe(1);
    expect(cdf['b']!.points[10]![0]).toBe(7);
  });

  it('is absent when no replication carries distributions', () => {
    expect(summarizeDistributions([{ replication: 0 }, { replication: 1, distributions: {} }])).toBeUndefined();
  });

  it('rejects a distribution not on the grid, naming the replication and family', () => {
    expect(() => summarizeDistributions([{ replication: 3, distributions: { a: { unit: 'ms', quantiles: [1, 2, 3] } } }])).toThrow(
      'replication 3: distribution a has 3 quantiles, expected 102',
    );
  });
});
