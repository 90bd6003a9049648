/**
 * The pacemaker's round synchronisation (DiemBFT v4; docs/references.md §2): a replica that times
 * out sends its NEW-VIEW to every replica and enters the next view only on a quorum of NEW-VIEWs
 * for it, or a QC or proposal of a later view; f + 1 NEW-VIEWs for a view make a replica give up
 * the view before it too. Moving on alone at each timeout let correct replicas drift views apart.
 */
import { describe, expect, it } from 'vitest';
import { GENESIS_BLOCK } from '../../ledger/block.ts';
import { TestCluster } from '../testing/cluster.ts';
import { hotstuff } from './index.ts';
import type { HotStuffReplica } from './replica.ts';

const cut = (isolated: number) => (from: number, to: number) => from === isolated || to === isolated;

describe('HotStuff round synchronisation', () => {
  it.each([4, 5, 7, 10])('keeps a replica cut off from the others in its view however often it times out (n = %i)', (n) => {
    const isolated = n - 1;
    const c = new TestCluster({ module: hotstuff, n, latencyUs: { kind: 'fixed', value: 5_000 }, params: { viewTimeout: 100_000, backoff: 'fixed' }, dropWhen: cut(isolated) });
    c.run(3_000_000);
    expect((c.replicas[isolated] as HotStuffReplica).curView).toBe(1);
  });

  it.each([4, 5, 7, 10])('makes a replica that hears f + 1 NEW-VIEWs for a later view send its own, so a quorum enters that view (n = %i)', (n) => {
    // Replica 0 alone hears the others; f + 1 of them hand it a NEW-VIEW for view 5, and with its
    // own that is a quorum (n − f ≤ f + 2 at these n) only if it joins.
    const f = Math.floor((n - 1) / 3);
    const q = Math.ceil((n + f + 1) / 2);
    const c = new TestCluster({ module: hotstuff, n, latencyUs: { kind: 'fixed', value: 5_000 }, params: { viewTimeout: 10_000_000 }, dropWhen: () => true });
    const genesisQc = { view: 0, blockHash: GENESIS_BLOCK.hash, sigs: [] };
    c.engine.at(1_000, () => {
      for (let j = 1; j <= q - 1; j++) c.replicas[0]!.onMessage(c.replicaHosts[j]!, { kind: 'hs-new-view', view: 5, qc: genesisQc, sender: j, lastVote: undefined, txs: [] });
    });
    c.run(2_000);
    expect(q - 1).toBeGreaterThanOrEqual(f + 1);
    expect((c.replicas[0] as HotStuffReplica).curView).toBeGreaterThanOrEqual(5);
  });

  it.each([7, 8, 11, 13])('counts a NEW-VIEW for a later view as giving up every view below it (n = %i)', (n) => {
    // q − 1 replicas gave up view 4, some of them view 5 as well; with replica 0's own NEW-VIEW that
    // is a quorum for view 5, though no single view has one.
    const f = Math.floor((n - 1) / 3);
    const q = Math.ceil((n + f + 1) / 2);
    const c = new TestCluster({ module: hotstuff, n, latencyUs: { kind: 'fixed', value: 5_000 }, params: { viewTimeout: 10_000_000 }, dropWhen: () => true });
    const genesisQc = { view: 0, blockHash: GENESIS_BLOCK.hash, sigs: [] };
    c.engine.at(1_000, () => {
      for (let j = 1; j <= q - 1; j++) {
        const view = j <= Math.ceil((q - 1) / 2) ? 5 : 6;
        c.replicas[0]!.onMessage(c.replicaHosts[j]!, { kind: 'hs-new-view', view, qc: genesisQc, sender: j, lastVote: undefined, txs: [] });
      }
    });
    c.run(2_000);
    expect((c.replicas[0] as HotStuffReplica).curView).toBeGreaterThanOrEqual(5);
  });
});
