/**
 * A primary never suspects itself. One whose backups moved to a later view while every
 * VIEW-CHANGE and the NEW-VIEW were lost to it stays active in its view for good unless it reports
 * that its batches do not execute; the primary of the later view answers with its NEW-VIEW.
 */
import { describe, expect, it } from 'vitest';
import { loseFirstCopies, TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';
import type { PbftReplica } from './replica.ts';

describe('PBFT status reports', () => {
  it.each([4, 5, 6, 7])('bring a primary left behind into the view its backups installed without it (n = %i)', (n) => {
    // Replica 0's pre-prepares never arrive, so the backups suspect it and install view 1; every
    // VIEW-CHANGE to replica 0 is lost, and the first copy of view 1's NEW-VIEW to it.
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
      dropWhen: loseFirstCopies(
        (_from, to, m) => to === 0 && m.kind === 'pbft-new-view',
        (from, to, m) => (from === 0 && m.kind === 'pbft-pre-prepare') || (to === 0 && m.kind === 'pbft-view-change'),
      ),
    });
    cluster.submitAt(0, Array.from({ length: n }, (_, i) => i));
    cluster.run(5_000_000);
    const left = cluster.replicas[0] as PbftReplica;
    expect(cluster.committedTxIds(1)).toHaveLength(1);
    expect([left.view, left.viewActive]).toEqual([1, true]);
  });

  it('are never sent while every batch executes within the status interval, however long batches stay in flight (n = 4..7)', () => {
    // A request every 2 ms over 20 ms links keeps a batch pre-prepared and not executed at every
    // moment for 3 s, thirty status intervals; each batch executes about 60 ms after its pre-prepare.
    for (const n of [4, 5, 6, 7]) {
      const cluster = new TestCluster({ module: pbft, n, latencyUs: { kind: 'fixed', value: 20_000 }, params: { viewChangeTimeout: 500_000 }, recordMessages: true });
      for (let k = 0; k < 1_500; k++) cluster.submitAt(k * 2_000, Array.from({ length: n }, (_, i) => i));
      cluster.run(4_000_000);
      expect(cluster.committedTxIds(0)).toHaveLength(1_500);
      expect(cluster.messages.filter((m) => m.kind === 'pbft-status')).toEqual([]);
    }
  });
});
