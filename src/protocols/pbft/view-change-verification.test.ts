/**
 * What a view change costs a backup in signature checks (§4.4): each VIEW-CHANGE once, however often
 * it is retransmitted, and of a NEW-VIEW only its own signature, O's pre-prepares and the
 * VIEW-CHANGEs in V the backup does not hold already. Checking V again made a view change at n = 24
 * cost every backup seconds of processor time more than it does (found by iomtsim fuzz).
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';
import type { NewView, ViewChange } from './messages.ts';
import { viewChangeSignatures } from './view-change.ts';

const VERIFY_US = 100;

/** The primary's pre-prepares are lost, so the backups move to view 1; view 1's NEW-VIEW to replica 2 is kept back for the test to hand over. */
function viewChangeWatchedAtReplica2(n: number) {
  const seen: { vcFrom3?: ViewChange; newView?: NewView } = {};
  const cluster = new TestCluster({
    module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
    crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US },
    dropWhen: (from, to, msg) => {
      const m = msg as { kind: string; view?: number };
      if (from === 3 && to === 2 && m.kind === 'pbft-view-change') seen.vcFrom3 ??= msg as ViewChange;
      if (to === 2 && m.kind === 'pbft-new-view') {
        seen.newView ??= msg as NewView;
        return true;
      }
      // View 1's pre-prepares to replica 2 too, so that installing the view replays none (their
      // transactions' checks would be charged with it).
      return m.kind === 'pbft-pre-prepare' && (from === 0 || to === 2);
    },
  });
  cluster.submitAt(0, Array.from({ length: n }, (_, i) => i));
  return { cluster, seen, host2: cluster.replicaHosts[2]! };
}

/** Processor time `deliver` charges replica 2, once the view change has reached the point `ready` waits for. */
function chargedAtReplica2(n: number, ready: (seen: ReturnType<typeof viewChangeWatchedAtReplica2>['seen']) => boolean, deliver: (w: ReturnType<typeof viewChangeWatchedAtReplica2>) => void): number {
  const w = viewChangeWatchedAtReplica2(n);
  let chargedUs = NaN;
  for (let t = 10_000; t < 2_000_000 && Number.isNaN(chargedUs); t += 10_000) {
    w.cluster.run(t);
    if (!ready(w.seen)) continue;
    w.cluster.engine.at(t + 10_000, () => {
      const before = w.cluster.engine.cpuBusyUs(w.host2);
      deliver(w);
      chargedUs = w.cluster.engine.cpuBusyUs(w.host2) - before;
    });
    w.cluster.run(t + 10_000);
  }
  return chargedUs;
}

describe('PBFT view-change signature checks', () => {
  it.each([4, 5, 6, 7])('check a retransmitted VIEW-CHANGE the backup already accepted no more (n = %i)', (n) => {
    const chargedUs = chargedAtReplica2(n, (s) => s.vcFrom3 !== undefined, (w) => {
      for (let k = 0; k < 50; k++) w.cluster.replicas[2]!.onMessage(w.cluster.replicaHosts[3]!, w.seen.vcFrom3);
    });
    expect(chargedUs).toBe(0);
  });

  it.each([4, 5, 6, 7])("check of a NEW-VIEW only its signature and O's pre-prepares when the backup holds every VIEW-CHANGE in V (n = %i)", (n) => {
    let prePrepares = -1;
    const chargedUs = chargedAtReplica2(n, (s) => s.newView !== undefined, (w) => {
      prePrepares = w.seen.newView!.prePrepares.length;
      w.cluster.replicas[2]!.onMessage(w.cluster.replicaHosts[1]!, w.seen.newView);
    });
    expect(prePrepares).toBeGreaterThanOrEqual(0);
    expect(chargedUs).toBe(VERIFY_US * (1 + prePrepares));
  });

  // Every COMMIT is lost, so each replica's VIEW-CHANGE carries the prepared certificates of the
  // batches it prepared. Replica 3's VIEW-CHANGE to replica 2, and view 1's NEW-VIEW to it, are
  // kept back for the test to hand over.
  function preparedViewChangeAtReplica2(n: number, cores: number) {
    const seen: { vcFrom3?: ViewChange } = {};
    const cluster = new TestCluster({
      module: pbft, n, cores, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
      crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US },
      dropWhen: (from, to, msg) => {
        const m = msg as { kind: string };
        if (m.kind === 'pbft-commit') return true;
        if (from === 3 && to === 2 && m.kind === 'pbft-view-change') {
          seen.vcFrom3 ??= msg as ViewChange;
          return true;
        }
        return to === 2 && m.kind === 'pbft-new-view';
      },
    });
    cluster.submitAt(0, Array.from({ length: n }, (_, i) => i));
    return { cluster, seen, host2: cluster.replicaHosts[2]! };
  }

  it.each([4, 5, 6, 7])('spread a VIEW-CHANGE\'s signature checks over the host\'s three cores (n = %i)', (n) => {
    const cores = 3;
    const w = preparedViewChangeAtReplica2(n, cores);
    let t = 10_000;
    for (; t < 2_000_000 && w.seen.vcFrom3 === undefined; t += 10_000) w.cluster.run(t);
    const vc = w.seen.vcFrom3!;
    const signatures = viewChangeSignatures(vc);
    expect(vc.prepared.length).toBeGreaterThan(0);
    const perCore: number[][] = [];
    w.cluster.engine.at(t + 10_000, () => {
      const e = w.cluster.engine;
      const before = Array.from({ length: cores }, (_, c) => e.cpuCoreBusyUs(w.host2, c));
      w.cluster.replicas[2]!.onMessage(w.cluster.replicaHosts[3]!, vc);
      perCore.push(before.map((us, c) => e.cpuCoreBusyUs(w.host2, c) - us));
    });
    w.cluster.run(t + 10_000);
    // List scheduling: the first (signatures mod cores) cores take one check more; the state machine
    // on core 0 waits for the makespan ⌈signatures / cores⌉ · verifyUs, not for every check in turn.
    const rounds = Math.floor(signatures / cores);
    expect(perCore[0]).toEqual(Array.from({ length: cores }, (_, c) => (c < signatures % cores ? rounds + 1 : rounds) * VERIFY_US));
  });
});
