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
  // batches it prepared. Every other replica's VIEW-CHANGE to replica 2, and view 1's NEW-VIEW to
  // it, are kept back (the first from replica 3 and the NEW-VIEW for the test to hand over).
  function preparedViewChangeAtReplica2(n: number, cores: number) {
    const seen: { vcFrom3?: ViewChange; newView?: NewView } = {};
    const cluster = new TestCluster({
      module: pbft, n, cores, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
      crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US },
      dropWhen: (from, to, msg) => {
        const m = msg as { kind: string };
        if (m.kind === 'pbft-commit') return true;
        if (to !== 2) return false;
        if (m.kind === 'pbft-view-change' && from === 3) seen.vcFrom3 ??= msg as ViewChange;
        if (m.kind === 'pbft-new-view') seen.newView ??= msg as NewView;
        return m.kind === 'pbft-view-change' || m.kind === 'pbft-new-view';
      },
    });
    cluster.submitAt(0, Array.from({ length: n }, (_, i) => i));
    return { cluster, seen, host2: cluster.replicaHosts[2]! };
  }

  /** Per-core processor time replica 2 is charged for `deliver`, once `ready` holds; on three cores. */
  function chargedPerCoreAtReplica2(n: number, ready: (seen: ReturnType<typeof preparedViewChangeAtReplica2>['seen']) => boolean, deliver: (w: ReturnType<typeof preparedViewChangeAtReplica2>) => void): number[] {
    const cores = 3;
    const w = preparedViewChangeAtReplica2(n, cores);
    let t = 10_000;
    for (; t < 2_000_000 && !ready(w.seen); t += 10_000) w.cluster.run(t);
    expect(ready(w.seen)).toBe(true);
    const perCore: number[][] = [];
    w.cluster.engine.at(t + 10_000, () => {
      const e = w.cluster.engine;
      const before = Array.from({ length: cores }, (_, c) => e.cpuCoreBusyUs(w.host2, c));
      deliver(w);
      perCore.push(before.map((us, c) => e.cpuCoreBusyUs(w.host2, c) - us));
    });
    w.cluster.run(t + 10_000);
    return perCore[0]!;
  }

  /** List scheduling of `jobs` checks on three cores: the first (jobs mod 3) take one more; the state machine on core 0 waits for ⌈jobs / 3⌉. */
  const spreadOverThree = (jobs: number) => [0, 1, 2].map((c) => (Math.floor(jobs / 3) + (c < jobs % 3 ? 1 : 0)) * VERIFY_US);

  it.each([4, 5, 6, 7])('spread a VIEW-CHANGE\'s signature checks over the host\'s three cores (n = %i)', (n) => {
    let signatures = 0;
    const perCore = chargedPerCoreAtReplica2(n, (s) => s.vcFrom3 !== undefined, (w) => {
      const vc = w.seen.vcFrom3!;
      expect(vc.prepared.length).toBeGreaterThan(0);
      signatures = viewChangeSignatures(vc);
      w.cluster.replicas[2]!.onMessage(w.cluster.replicaHosts[3]!, vc);
    });
    expect(perCore).toEqual(spreadOverThree(signatures));
  });

  it.each([4, 5, 6, 7])('spread a NEW-VIEW\'s checks of the VIEW-CHANGEs the backup does not hold over its three cores (n = %i)', (n) => {
    let jobs = 0;
    const perCore = chargedPerCoreAtReplica2(n, (s) => s.newView !== undefined, (w) => {
      const nv = w.seen.newView!;
      // Replica 2 holds only its own VIEW-CHANGE: the others' were kept from it.
      jobs = 1 + nv.prePrepares.length + nv.viewChanges.filter((x) => x.replica !== 2).reduce((sum, x) => sum + viewChangeSignatures(x), 0);
      w.cluster.replicas[2]!.onMessage(w.cluster.replicaHosts[1]!, nv);
    });
    expect(jobs).toBeGreaterThan(3);
    expect(perCore).toEqual(spreadOverThree(jobs));
  });
});
