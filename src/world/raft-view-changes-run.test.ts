import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

/** Raft from the start (no warm-up, so its first election lies in the window) with a steady load. */
const raft = (attacks: unknown[] = [], nodes = 5) =>
  consensusScenario({
    duration: '10s',
    warmup: '0s',
    network: { latency: { kind: 'normal', mean: '10ms', sd: '2ms', min: '4ms' } },
    consensus: { protocol: 'raft', nodes, batchSize: 5, batchTimeout: '50ms' },
    workload: { rateTps: 100, clients: 2 },
    attacks,
  } as never);

describe('Raft view changes', () => {
  it('are none in a run without faults at n = 3 to 7: the first election replaces no leader', () => {
    for (const nodes of [3, 4, 5, 6, 7]) expect(runConsensusWorld(raft([], nodes), 1).metrics['consensus.view_changes']!.value, `n = ${nodes}`).toBe(0);
  });

  it('are one when the leader crashes and none when a follower does', () => {
    const counts = [0, 1, 2, 3, 4].map((replica) => runConsensusWorld(raft([{ type: 'crash', start: '3s', end: '6s', replicas: [replica] }]), 1).metrics['consensus.view_changes']!.value);
    // One of the five led when it crashed.
    expect([...counts].sort()).toEqual([0, 0, 0, 0, 1]);
  });
});
