import { describe, expect, it } from 'vitest';
import type { InterimSnapshot, RunWatch } from '../../metrics/interim-bounds.ts';
import { consensusScenario } from '../testing/scenarios.ts';
import { simulateOnThreads } from './run.ts';
import { splittableWorld } from './world-module.ts';

/** `protocol` at n = 5 (PBFT by default) over two regions with latency floors, so it splits. */
function scenario(protocol: 'pbft' | 'hotstuff' | 'raft' = 'pbft') {
  const local = { kind: 'normal' as const, mean: '3ms', sd: '1ms', min: '1ms' };
  const wide = { kind: 'normal' as const, mean: '20ms', sd: '6ms', min: '8ms' };
  return consensusScenario({
    duration: '3s',
    warmup: '500ms',
    network: { regions: ['east', 'west'], latency: [[local, wide], [wide, local]] },
    consensus: { protocol, nodes: 5, batchSize: 5, batchTimeout: '50ms' },
    workload: { rateTps: 150, clients: 3 },
  } as never);
}

/** A watch that keeps every report and says to stop at report `stopAt` (never when undefined). */
function recordingWatch(stopAt?: number): RunWatch & { readonly reports: InterimSnapshot[] } {
  const reports: InterimSnapshot[] = [];
  return {
    everyUs: 400_000,
    metrics: ['consensus.commit_latency_ms.p99', 'consensus.committed_txs'],
    reports,
    onInterim(snapshot) {
      reports.push(snapshot);
      return reports.length === stopAt;
    },
  };
}

describe('a replication split over threads, watched', () => {
  for (const threads of [2, 3]) {
    it(`tells the watch on ${threads} threads what it tells on one, at the same times, and gives the same output`, async () => {
      const one = recordingWatch();
      const expected = splittableWorld(scenario(), 7).run(one);
      const split = recordingWatch();
      expect(await simulateOnThreads(scenario(), 7, threads, split)).toEqual(expected);
      expect(one.reports.map((r) => r.simulatedUs)).toEqual([400_000, 800_000, 1_200_000, 1_600_000, 2_000_000, 2_400_000, 2_800_000]);
      // The latency bound needs the clients' submissions still to come, which only the partitions know.
      expect(one.reports.at(-1)!.metrics['consensus.commit_latency_ms.p99']!.atLeast).toBeGreaterThan(0);
      expect(split.reports).toEqual(one.reports);
    }, 60_000);
  }

  for (const protocol of ['hotstuff', 'raft'] as const) {
    it(`tells the watch of a ${protocol} run on 2 threads what it tells on one`, async () => {
      const one = recordingWatch();
      const expected = splittableWorld(scenario(protocol), 7).run(one);
      const split = recordingWatch();
      expect(await simulateOnThreads(scenario(protocol), 7, 2, split)).toEqual(expected);
      expect(one.reports.at(-1)!.metrics['consensus.committed_txs']!.now).toBeGreaterThan(100);
      expect(split.reports).toEqual(one.reports);
    }, 60_000);
  }

  it('ends where the watch says to stop, with the one-thread run of that length', async () => {
    const one = recordingWatch(3);
    const expected = splittableWorld(scenario(), 7).run(one);
    const split = recordingWatch(3);
    const output = await simulateOnThreads(scenario(), 7, 2, split);
    expect(expected.simulatedUs).toBe(1_200_000);
    expect(output).toEqual(expected);
    expect(split.reports).toEqual(one.reports);
  }, 60_000);
});
