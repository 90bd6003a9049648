/**
 * The safety checker catches a deliberately broken HotStuff whose QCs need f + 1 votes instead of
 * n − f = 2f + 1 (§4.4's safety argument needs two quorums to share an honest replica). Ten
 * replicas (f = 3) split into {0–4} and {5–9}: each side has five consecutive leaders and four
 * votes make a broken QC, so both sides extend the chain from the same point and commit different
 * nodes at the same heights. Correct HotStuff in the same partition needs 7 votes: neither side
 * forms a QC and nothing conflicting commits.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../../testing/run.ts';
import type { ConsensusWorld } from '../../types.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { makeHotStuffModule } from '../../../protocols/hotstuff/index.ts';

const PARTITION_US = 1_000_000;

const scenario = consensusScenario({
  duration: '10s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '10ms' } },
  consensus: { protocol: 'hotstuff', nodes: 10, batchSize: 4, hotstuff: { viewTimeout: '100ms', backoff: 'fixed' } },
  workload: { clients: 2, rateTps: 50, requestTimeout: '500ms' },
});

function partition(world: ConsensusWorld): void {
  const r = world.replicaHosts;
  const [c0, c1] = world.clientHosts as [number, number];
  world.engine.at(PARTITION_US, () => world.engine.network.setPartition([[...r.slice(0, 5), c0], [...r.slice(5), c1]]));
  world.excuseLiveness(PARTITION_US, world.endUs);
}

describe('safety checker against a broken HotStuff', () => {
  it('reports conflicting commits when a QC needs only f + 1 votes', () => {
    const broken = makeHotStuffModule({ quorum: (_n, f) => f + 1 });
    const out = runConsensusWorld(scenario, 3, { protocol: broken, setup: partition });
    const safety = out.checks.find((c) => c.name === 'safety')!;
    expect(safety.passed).toBe(false);
    expect(out.metrics['safety.violations']!.value).toBeGreaterThan(0);
  });

  it('reports nothing for correct HotStuff in the same partition', () => {
    const out = runConsensusWorld(scenario, 3, { setup: partition });
    expect(out.checks.find((c) => c.name === 'safety')!.passed).toBe(true);
    expect(out.metrics['safety.violations']!.value).toBe(0);
    expect(out.metrics['consensus.committed_txs']!.value).toBeGreaterThan(0);
  });
});
