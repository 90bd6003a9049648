/**
 * PBFT with random delays and no Byzantine replicas, across 200 seeds: the checkers find no
 * safety, liveness or validity violation, and every submitted request is confirmed to its client.
 */
import { describe, expect, it } from 'vitest';
import { consensusScenario, runAcrossSeeds } from '../../testing/scenarios.ts';

const scenario = (nodes: number) =>
  consensusScenario({
    duration: '3s',
    network: { latency: { kind: 'exponential', mean: '8ms', shift: '1ms' } },
    consensus: { nodes, batchSize: 4, batchTimeout: '20ms', livenessBound: '1s', pbft: { checkpointInterval: 8, logWindow: 16 } },
    workload: { clients: 2, rateTps: 150, stopAfter: '2s' },
  });

describe('PBFT across 200 seeds with random delays', () => {
  it('never violates safety, liveness or validity, and confirms every request', () => {
    const scenarios = [scenario(4), scenario(5), scenario(7)];
    for (const o of runAcrossSeeds(scenarios, 200)) {
      expect(o.failedChecks, `seed ${o.seed}`).toEqual([]);
      expect(o.submitted, `seed ${o.seed}`).toBeGreaterThan(200);
      expect(o.confirmed, `seed ${o.seed}`).toBe(o.submitted);
    }
  });
});
