/**
 * The safety checker catches a deliberately broken PBFT whose certificates need f + 1 matching
 * messages instead of 2f + 1. Under a partition {0, 1} | {2, 3} of four replicas, the side with the
 * primary keeps committing with two votes, while the other side elects its own primary (view 2,
 * replica 2) with two view-changes and orders different batches at the same heights. Correct PBFT
 * in the same partition commits nothing conflicting: neither side has a quorum.
 */
import { describe, expect, it } from 'vitest';
import { makePbftModule } from '../../protocols/pbft/index.ts';
import { consensusScenario } from '../testing/scenarios.ts';
import { runConsensusWorld } from '../testing/run.ts';
import type { ConsensusWorld } from '../types.ts';

const PARTITION_US = 1_000_000;

const scenario = consensusScenario({
  duration: '8s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '10ms' } },
  consensus: { nodes: 4, batchSize: 2, batchTimeout: '20ms', pbft: { viewChangeTimeout: '300ms' } },
  workload: { clients: 2, rateTps: 50, requestTimeout: '500ms' },
});

/** Replicas 0, 1 with client 0 on one side; replicas 2, 3 with client 1 on the other. */
function partition(world: ConsensusWorld): void {
  const [r0, r1, r2, r3] = world.replicaHosts as [number, number, number, number];
  const [c0, c1] = world.clientHosts as [number, number];
  world.engine.at(PARTITION_US, () => world.engine.network.setPartition([[r0, r1, c0], [r2, r3, c1]]));
  world.excuseLiveness(PARTITION_US, world.endUs);
}

describe('safety checker against a broken PBFT', () => {
  it('reports conflicting commits when the quorum is f + 1', () => {
    const broken = makePbftModule({ quorum: (_n, f) => f + 1 });
    const out = runConsensusWorld(scenario, 3, { protocol: broken, setup: partition });
    const safety = out.checks.find((c) => c.name === 'safety')!;
    expect(safety.passed).toBe(false);
    expect(out.metrics['safety.violations']!.value).toBeGreaterThan(0);
    expect(safety.detail).toMatch(/conflicting commits, \d+ commits? unlike the first at (it|their height): height \d+/);
  });

  it('reports nothing for correct PBFT in the same partition', () => {
    const out = runConsensusWorld(scenario, 3, { setup: partition });
    expect(out.checks.find((c) => c.name === 'safety')!.passed).toBe(true);
    expect(out.metrics['safety.violations']!.value).toBe(0);
    expect(out.metrics['consensus.committed_txs']!.value).toBeGreaterThan(0);
  });
});
