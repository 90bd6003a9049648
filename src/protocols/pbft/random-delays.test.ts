/**
 * PBFT with random delays and no Byzantine replicas, across 200 seeds: the checkers find no
 * safety, liveness or validity violation, and every submitted request is confirmed to its client.
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../sim/index.ts';
import { consensusScenario } from '../../runner/models/test-scenario.ts';
import { runConsensusScenario } from '../../runner/models/consensus.ts';

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
    for (let seed = 1; seed <= 200; seed++) {
      let submitted = 0;
      const count = (_h: number, e: ModelEvent) => { if (e.kind === 'submit') submitted++; };
      const out = runConsensusScenario(scenarios[seed % 3]!, seed, { observers: [count] });
      const failed = out.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
      expect(failed, `seed ${seed}`).toEqual([]);
      expect(submitted, `seed ${seed}`).toBeGreaterThan(200);
      expect(out.metrics['consensus.confirmed_txs']!.value, `seed ${seed}`).toBe(submitted);
    }
  });
});
