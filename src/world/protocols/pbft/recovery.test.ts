/**
 * A backup that crashes and recovers has lost every message sent while it was down. It learns the
 * next stable checkpoint from the others' CHECKPOINT messages, fetches the batches it missed (state
 * transfer, §4.3), and then commits in step with the others again.
 */
import { describe, expect, it } from 'vitest';
import type { Engine, HostId } from '../../../../sim/index.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { PbftReplica } from '../../../protocols/pbft/replica.ts';

describe('PBFT backup recovery', () => {
  it('catches up by state transfer after a crash and keeps committing', () => {
    const scenario = consensusScenario({
      duration: '10s',
      network: { latency: { kind: 'uniform', min: '2ms', max: '10ms' } },
      consensus: { nodes: 4, batchSize: 5, batchTimeout: '50ms', pbft: { checkpointInterval: 10, logWindow: 20 } },
      workload: { clients: 2, rateTps: 100 },
    });
    let engine: Engine | undefined;
    let hosts: readonly HostId[] = [];
    let executedAtRecovery = -1;
    const out = runConsensusWorld(scenario, 1, {
      setup: (w) => {
        engine = w.engine;
        hosts = w.replicaHosts;
        w.engine.at(2_000_000, () => w.engine.crash(w.replicaHosts[3]!));
        w.engine.at(5_000_000, () => {
          executedAtRecovery = w.engine.actor<PbftReplica>(w.replicaHosts[3]!).lastExecuted;
          w.engine.recover(w.replicaHosts[3]!);
        });
      },
    });
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    const recovered = engine!.actor<PbftReplica>(hosts[3]!);
    const primary = engine!.actor<PbftReplica>(hosts[0]!);
    expect(primary.lastExecuted - executedAtRecovery).toBeGreaterThan(100);
    expect(primary.lastExecuted - recovered.lastExecuted).toBeLessThanOrEqual(20);
  });
});
