/**
 * Crashing the primary (Castro & Liskov 1999, §4.4): backups time out, move to view 1 whose
 * primary is replica 1, and commits resume within a bound: the client's retransmission timeout
 * (it rebroadcasts to all replicas, §4.1) plus the backups' view-change timeout plus a few
 * message delays.
 */
import { describe, expect, it } from 'vitest';
import type { Engine, HostId, ModelEvent } from '../../../../sim/index.ts';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import type { ViewChangeEvent } from '../../../protocols/types.ts';
import type { PbftReplica } from '../../../protocols/pbft/replica.ts';

const CRASH_US = 3_000_000;
const REQUEST_TIMEOUT_US = 1_000_000;
const VIEW_CHANGE_TIMEOUT_US = 500_000;
/** Retransmission + view-change timer + a generous 0.5 s for the protocol's message rounds. */
const RESUME_BOUND_US = REQUEST_TIMEOUT_US + VIEW_CHANGE_TIMEOUT_US + 500_000;

const scenario = consensusScenario({
  duration: '10s',
  network: { latency: { kind: 'uniform', min: '2ms', max: '12ms' } },
  consensus: { nodes: 4, batchSize: 5, batchTimeout: '50ms', livenessBound: '3s', pbft: { viewChangeTimeout: '500ms', checkpointInterval: 16, logWindow: 32 } },
  workload: { clients: 2, rateTps: 100, requestTimeout: '1s' },
});

describe('PBFT view change', () => {
  it.each([1, 2, 3, 4, 5])('resumes commits within the bound after the primary crashes (seed %i)', (seed) => {
    const commitsAfterCrash: number[] = [];
    const views: (ViewChangeEvent & { timeUs: number })[] = [];
    let primary: HostId = -1;
    const observer = (_host: HostId, e: ModelEvent, timeUs: number) => {
      if (e.kind === 'commit' && timeUs > CRASH_US) commitsAfterCrash.push(timeUs);
      if (e.kind === 'view-change') views.push({ ...(e as ViewChangeEvent), timeUs });
    };
    const out = runConsensusWorld(scenario, seed, {
      observers: [observer],
      setup: (world) => {
        primary = world.replicaHosts[0]!;
        world.engine.at(CRASH_US, () => world.engine.crash(primary));
      },
    });
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    expect(views.length).toBeGreaterThanOrEqual(3);
    expect(views.every((v) => v.view >= 1 && v.leader !== primary)).toBe(true);
    // Commits of batches already in flight at the crash do not count: resumption is in the new view.
    const newViewUs = views[0]!.timeUs;
    const resumedUs = commitsAfterCrash.find((t) => t > newViewUs)!;
    expect(commitsAfterCrash.filter((t) => t > newViewUs).length).toBeGreaterThan(100);
    expect(resumedUs - CRASH_US).toBeLessThanOrEqual(RESUME_BOUND_US);
    expect(out.metrics['consensus.view_changes']!.value).toBeGreaterThanOrEqual(1);
  });

  it('makes checkpoints stable and garbage-collects the log (§4.3)', () => {
    let engine: Engine | undefined;
    let hosts: readonly HostId[] = [];
    runConsensusWorld(scenario, 1, { setup: (w) => { engine = w.engine; hosts = w.replicaHosts; } });
    for (const h of hosts.slice(1)) {
      const r = engine!.actor<PbftReplica>(h);
      expect(r.stableSeq).toBeGreaterThan(16);
      expect(r.lowWater).toBe(r.stableSeq);
      expect(r.logSize).toBeLessThanOrEqual(32);
    }
  });
});
