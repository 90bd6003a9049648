import { describe, expect, it } from 'vitest';
import { betterDirection } from './direction.ts';

describe('betterDirection', () => {
  it.each([
    ['consensus.throughput_tps', 'higher'],
    ['detect.cusum.detection_rate', 'higher'],
    ['consensus.commit_latency_ms.p99', 'lower'],
    ['consensus.replica_lag_ms', 'lower'],
    ['safety.violations', 'lower'],
    ['mempool.dropped_txs', 'lower'],
    ['consensus.view_changes', 'unknown'],
    ['consensus.offered_tps', 'unknown'],
  ])('reads %s as %s is better', (metric, direction) => {
    expect(betterDirection(metric)).toBe(direction);
  });
});
