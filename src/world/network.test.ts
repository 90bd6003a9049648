import { describe, expect, it } from 'vitest';
import { zNetwork } from '../scenario/sections/network.ts';
import { latencyDistribution, networkConfig, regionOf } from './network.ts';

describe('network section → NetworkConfig', () => {
  it('converts SimBlock Pareto and lognormal latencies to µs distributions', () => {
    expect(latencyDistribution({ kind: 'pareto-simblock', mean: 100_000 })).toEqual({ kind: 'pareto', shape: 20, scale: 95_000 });
    expect(latencyDistribution({ kind: 'lognormal', median: 1_000, sigma: 0.5 })).toEqual({ kind: 'lognormal', mu: Math.log(1_000), sigma: 0.5 });
  });

  it('keeps a latency matrix per region pair and the loss probability', () => {
    const section = zNetwork.parse({
      regions: ['a', 'b'],
      latency: [[{ kind: 'fixed', value: '1ms' }, { kind: 'fixed', value: '5ms' }], [{ kind: 'fixed', value: '5ms' }, { kind: 'fixed', value: '1ms' }]],
      loss: 0.01,
    });
    const cfg = networkConfig(section);
    expect(cfg.lossProbability).toBe(0.01);
    expect((cfg.latencyUs as readonly (readonly unknown[])[])[0]![1]).toEqual({ kind: 'fixed', value: 5_000 });
  });

  it('passes the queue limit on: a duration in µs, none as Infinity, absent as the model default', () => {
    expect(networkConfig(zNetwork.parse({ queueLimit: '100ms' })).queueLimitUs).toBe(100_000);
    expect(networkConfig(zNetwork.parse({ queueLimit: 'none' })).queueLimitUs).toBe(Infinity);
    expect(networkConfig(zNetwork.parse({})).queueLimitUs).toBeUndefined();
    expect(networkConfig(zNetwork.parse({ latency: [[{ kind: 'fixed', value: '1ms' }]], regions: ['a'], queueLimit: '2s' })).queueLimitUs).toBe(2_000_000);
  });

  it("passes receiveQueueing on, for one latency and for a matrix: false is SimBlock's model, absent the default (true)", () => {
    const matrix = { latency: [[{ kind: 'fixed', value: '1ms' }]], regions: ['a'] };
    expect(networkConfig(zNetwork.parse({ receiveQueueing: false })).receiveQueueing).toBe(false);
    expect(networkConfig(zNetwork.parse({ ...matrix, receiveQueueing: false })).receiveQueueing).toBe(false);
    expect(networkConfig(zNetwork.parse({})).receiveQueueing).toBe(true);
  });

  it('refuses a queue limit that is neither a duration nor none', () => {
    expect(zNetwork.safeParse({ queueLimit: 'lots' }).success).toBe(false);
  });

  it('refuses per-region lists of another length than the regions, naming the field', () => {
    const fixed = { kind: 'fixed', value: '1ms' };
    const issues = (input: unknown) => zNetwork.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message.split(',')[0]}`);
    expect(issues({ regions: ['a', 'b'], latency: [[fixed, fixed]] })).toEqual(['latency: expected a 2×2 matrix (one row per region of network.regions)']);
    expect(issues({ regions: ['a', 'b'], latency: [[fixed, fixed], [fixed]] })).toEqual(['latency.1: expected 2 columns (one per region of network.regions)']);
    expect(issues({ regions: ['a', 'b'], upload: ['1Gbps'], download: ['1Gbps', '1Gbps', '1Gbps'] })).toEqual(['upload: expected one bandwidth', 'download: expected one bandwidth']);
    expect(issues({ regions: ['a', 'b'], latency: [[fixed, fixed], [fixed, fixed]], upload: ['1Gbps', '2Gbps'], regionShares: [0, 1] })).toBeUndefined();
  });

  it('places hosts round robin, or in blocks by largest remainder given shares', () => {
    expect([0, 1, 2, 3, 4].map((i) => regionOf(i, 5, 2))).toEqual([0, 1, 0, 1, 0]);
    expect(Array.from({ length: 10 }, (_, i) => regionOf(i, 10, 3, [0.5, 0.3, 0.2]))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    expect(Array.from({ length: 3 }, (_, i) => regionOf(i, 3, 2, [0.5, 0.5]))).toEqual([0, 0, 1]);
  });
});
