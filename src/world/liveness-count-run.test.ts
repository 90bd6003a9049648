/**
 * liveness.violations as a run reports it: the stalls longer than the liveness bound while work
 * waited, the one still running at the end included (src/checkers/liveness.ts). Two partitions of
 * PBFT's four replicas into halves, neither with a quorum of 3 (Castro & Liskov §4.1), each longer
 * than the bound, and left outside the fault model (the run does not excuse them), stall it twice:
 * the first until the view change after it heals, the second until the end.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';
import type { ConsensusWorld } from './types.ts';

const scenario = consensusScenario({
  duration: '10s',
  warmup: '1s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '10ms' } },
  consensus: { nodes: 4, batchSize: 5, batchTimeout: '20ms', livenessBound: '1.5s', pbft: { viewChangeTimeout: '300ms' } },
  workload: { clients: 2, rateTps: 50, requestTimeout: '500ms' },
});

function splitTwice(world: ConsensusWorld): void {
  const [r0, r1, r2, r3] = world.replicaHosts as [number, number, number, number];
  const [c0, c1] = world.clientHosts as [number, number];
  const split = () => world.engine.network.setPartition([[r0, r1, c0], [r2, r3, c1]]);
  world.engine.at(2_000_000, split);
  world.engine.at(4_500_000, () => world.engine.network.healPartition());
  world.engine.at(7_000_000, split);
}

describe('liveness.violations', () => {
  it('counts two stalls: one a healed partition ended, one still running at the end', () => {
    const out = runConsensusWorld(scenario, 1, { setup: splitTwice });
    expect(out.checks.find((c) => c.name === 'liveness')!.passed).toBe(false);
    expect(out.metrics['liveness.violations']!.value).toBe(2);
  });

  it('counts none without the partitions', () => {
    expect(runConsensusWorld(scenario, 1).metrics['liveness.violations']!.value).toBe(0);
  });
});
