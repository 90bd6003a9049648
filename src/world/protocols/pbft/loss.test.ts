/**
 * Message loss: PBFT does not retransmit protocol messages, so a replica that misses votes falls
 * behind; clients rebroadcast (§4.1), backups that wait too long change the view (§4.4), and a
 * replica behind a stable checkpoint fetches the batches it lacks (§4.3). With 2 % loss the run
 * stays safe and valid, keeps committing, and lagging replicas catch up by state transfer.
 */
import { describe, expect, it } from 'vitest';
import type { Engine, HostId } from '../../../../sim/index.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { PbftReplica } from '../../../protocols/pbft/replica.ts';

const scenario = consensusScenario({
  duration: '20s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '10ms' }, loss: 0.02 },
  consensus: { nodes: 4, batchSize: 5, batchTimeout: '50ms', livenessBound: '5s', pbft: { viewChangeTimeout: '500ms', checkpointInterval: 10, logWindow: 20 } },
  // Submissions stop 1 s (two fetch periods) before the end, so the lag is read after any state
  // transfer under way has finished rather than in the middle of one.
  workload: { clients: 2, rateTps: 100, requestTimeout: '1s', stopAfter: '19s' },
});

describe('PBFT under message loss', () => {
  it.each([1, 2, 3])('stays safe and live, and every replica keeps up (seed %i)', (seed) => {
    let engine: Engine | undefined;
    let hosts: readonly HostId[] = [];
    const out = runConsensusWorld(scenario, seed, { setup: (w) => { engine = w.engine; hosts = w.replicaHosts; } });
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    expect(out.metrics['consensus.throughput_tps']!.value).toBeGreaterThan(50);
    const executed = hosts.map((h) => engine!.actor<PbftReplica>(h).lastExecuted);
    const top = Math.max(...executed);
    // Every replica is within two checkpoint intervals of the most advanced one.
    for (const e of executed) expect(top - e).toBeLessThanOrEqual(20);
  });
});
