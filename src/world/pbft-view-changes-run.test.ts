/**
 * consensus.view_changes on PBFT counts each view a quorum gave up the view before for, once,
 * whether or not its primary is up (Castro & Liskov 1999, §4.4, §4.5.2): a view whose primary is
 * down is entered on q VIEW-CHANGEs, never installed, and given up in turn for the next, and both
 * are view changes, as HotStuff's views entered on a timeout certificate are
 * (hotstuff-view-changes-run.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { forwardingContext, type ActorFactory, type HostId, type ModelEvent } from '../../sim/index.ts';
import { PBFT_FAULT_MODEL } from '../protocols/pbft/fault-model.ts';
import type { ViewChangeEvent } from '../protocols/types.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const S = 1_000_000;

describe('PBFT view changes', () => {
  // At f = 1 two primaries in a row cannot be down at once and leave a quorum: replica 1 (view 1's
  // primary) crashes for good while a backup, then replica 0 (view 0's) for 2 s, so the backups'
  // VIEW-CHANGEs for view 1 reach a quorum only once replica 0 is back and joins them; view 1, its
  // primary down, is then given up for view 2.
  it.each([4, 5])('count a view whose primary is down and the view after it, each once (n = %i)', (n) => {
    const scenario = consensusScenario({
      duration: '15s',
      warmup: '0s',
      network: { latency: { kind: 'fixed', value: '10ms' } },
      consensus: { protocol: 'pbft', nodes: n, batchSize: 10, batchTimeout: '50ms', pbft: { viewChangeTimeout: '1s' } },
      workload: { rateTps: 50, clients: 2, requestTimeout: '1s' },
    } as never);
    const quorum = PBFT_FAULT_MODEL.quorum(n);
    // Who sent a VIEW-CHANGE for each view, from the replicas' own sends.
    const viewChangeSenders = new Map<number, Set<number>>();
    const tapViewChanges = <M>(index: number, factory: ActorFactory<M>): ActorFactory<M> => (ctx) =>
      factory(forwardingContext(ctx, {
        send: (to, msg, sizeBytes) => {
          const m = msg as { kind: string; newView?: number };
          if (m.kind === 'pbft-view-change') {
            let senders = viewChangeSenders.get(m.newView!);
            if (senders === undefined) viewChangeSenders.set(m.newView!, (senders = new Set()));
            senders.add(index);
          }
          ctx.send(to, msg, sizeBytes);
        },
      }));
    const reported = new Set<number>();
    const observer = (_host: HostId, e: ModelEvent) => {
      if (e.kind === 'view-change') reported.add((e as ViewChangeEvent).view);
    };
    const out = runConsensusWorld(scenario, 1, {
      observers: [observer],
      wrapReplica: tapViewChanges,
      setup: (world) => {
        const [primary0, primary1] = world.replicaHosts;
        world.engine.at(1 * S, () => world.engine.crash(primary1!));
        world.engine.at(2 * S, () => world.engine.crash(primary0!));
        world.engine.at(4 * S, () => world.engine.recover(primary0!));
      },
    });
    const certified = [...viewChangeSenders].filter(([, senders]) => senders.size >= quorum).map(([view]) => view).sort((a, b) => a - b);
    expect(certified).toEqual([1, 2]);
    expect([...reported].sort((a, b) => a - b)).toEqual(certified);
    expect(out.metrics['consensus.view_changes']!.value).toBe(2);
    // View 2's primary is up: commits resume.
    expect(out.metrics['consensus.committed_txs']!.value).toBeGreaterThan(500);
  });
});
