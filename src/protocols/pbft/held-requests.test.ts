/**
 * §4.1: a backup relays a client's request to the primary. A request that reaches a backup while
 * it is changing view has no primary to go to yet; the backup relays it once it enters the new
 * view. Otherwise the backup times a request the new primary never received and, alone, suspects a
 * correct primary (seen in scenarios/pbft-partition.yaml: clients sent their next requests to the
 * old primary while it changed view, and it then sat out the rest of the run).
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

type Kinded = { kind: string; view?: number; newView?: number };

describe('a PBFT backup that receives a request during a view change', () => {
  it.each([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])('relays it to the new primary once the view is installed, so it commits without another view change (n = %i)', (n) => {
    // The primary's pre-prepares are lost: the backups time the first request out and move to
    // view 1 (primary: replica 1). The moment replica 2 sends its VIEW-CHANGE, a second request
    // goes to replica 2 alone; it arrives 1 ms later, before any NEW-VIEW can (2 ms at the soonest).
    // The client never retransmits, so only replica 2's relay can bring it to the primary.
    let requestArrivesUs = Infinity;
    let viewChangesToView2 = 0;
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 }, recordMessages: true,
      dropWhen: (from, _to, msg) => {
        const m = msg as Kinded;
        if (m.kind === 'pbft-view-change' && m.newView === 2) viewChangesToView2++;
        if (from === 2 && m.kind === 'pbft-view-change' && m.newView === 1 && requestArrivesUs === Infinity) {
          const at = cluster.engine.nowUs + 1;
          requestArrivesUs = at + 1_000;
          cluster.submitAt(at, [2]);
        }
        return from === 0 && m.kind === 'pbft-pre-prepare' && m.view === 0;
      },
    });
    cluster.submitAt(0, Array.from({ length: n }, (_, i) => i));
    cluster.run(5_000_000);
    const newViewTo2 = cluster.messages.find((m) => m.kind === 'pbft-new-view' && m.to === cluster.replicaHosts[2]);
    expect(newViewTo2!.timeUs + 1_000).toBeGreaterThan(requestArrivesUs);
    const relayed = cluster.messages.filter((m) => m.kind === 'request' && m.from === cluster.replicaHosts[2] && m.to === cluster.replicaHosts[1]);
    expect(relayed.map((m) => m.timeUs >= newViewTo2!.timeUs + 1_000)).toEqual([true]);
    for (let i = 0; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(2);
    expect(viewChangesToView2).toBe(0);
    expect(cluster.viewChanges.every((v) => v.view === 1)).toBe(true);
  });

  it.each([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])('keeps no more of them than twice what it waits for, when it stays out of the view and catches up by state transfer (n = %i)', (n) => {
    // The last replica is cut off from the others from 100 ms to 1.5 s: it times out alone into
    // view 1 and stays there, catching up at each stable checkpoint (every 4 batches), while the
    // client sends 400 more requests to every replica, which it admits and holds to relay.
    const cut = n - 1;
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1, params: { viewChangeTimeout: 200_000, checkpointInterval: 4, logWindow: 8 },
      dropWhen: (from, to) => (from === cut || to === cut) && cluster.engine.nowUs >= 100_000 && cluster.engine.nowUs < 1_500_000,
    });
    for (let k = 0; k < 430; k++) cluster.submitAt(k * 20_000, Array.from({ length: n }, (_, i) => i));
    cluster.run(12_000_000);
    const replica = cluster.replicas[cut] as unknown as { viewActive: boolean; unrelayedRequests: unknown[]; waitingRequests: Set<number> };
    expect(replica.viewActive).toBe(false);
    expect(cluster.committedTxIds(cut).length).toBeGreaterThan(400);
    expect(replica.unrelayedRequests.length).toBeLessThanOrEqual(2 * replica.waitingRequests.size + 64);
  });
});
