/**
 * The next leader and a view whose votes split (an equivocating leader): once the votes it has heard
 * leave every node of the view short of a quorum, even with every replica not heard yet, the leader
 * proposes on its highest QC at once instead of waiting for a QC that cannot form and timing its own
 * view out (found by iomtsim fuzz at n = 4; docs/fuzz-findings/hotstuff-split-votes-skip-next-leader.yaml).
 */
import { describe, expect, it } from 'vitest';
import type { ActorContext } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { KeyRing, ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { NO_APPLICATION, type ReplicaConfig } from '../types.ts';
import { hotstuff } from './index.ts';
import { voteTerm, type HsVote } from './messages.ts';
import type { HotStuffParams } from './params.ts';
import { HotStuffReplica } from './replica.ts';

/** The leader of view 2 (replica 2), hearing votes for view 1; `vote(j, hash)` hands it replica j's. */
function leaderOfView2(n: number) {
  const hosts = Array.from({ length: n }, (_, i) => i);
  const ring = new KeyRing('symbolic', 1);
  const keys = hosts.map((h) => ring.issue(h));
  const ctx = new ScriptedContext(hosts[2]!);
  const config: ReplicaConfig<HotStuffParams> = {
    replicaHosts: hosts, index: 2, batchSize: 1, batchTimeoutUs: 1, blockSizeMaxBytes: 1 << 20,
    crypto: ZERO_CRYPTO_COSTS, signingKey: keys[2]!, verifier: ring, ...defaultReplicaSettings(hotstuff),
  };
  const leader = new HotStuffReplica(ctx as ActorContext<unknown>, config, NO_APPLICATION);
  leader.onStart();
  ctx.sent.length = 0;
  const vote = (voter: number, blockHash: string): void => {
    const m: HsVote = { kind: 'hs-vote', view: 1, blockHash, voter, sig: keys[voter]!.sign(ring.digest(voteTerm(1, blockHash))), txs: [] };
    leader.onMessage(hosts[voter]!, m);
  };
  return { vote, proposals: () => ctx.take('hs-proposal') };
}

describe('HotStuff votes split over two nodes of a view', () => {
  it.each([4, 5, 7, 10])('the next leader proposes once no node can reach a quorum, and not before (n = %i)', (n) => {
    const f = Math.floor((n - 1) / 3);
    const q = Math.ceil((n + f + 1) / 2);
    // q − 1 replicas vote for node A, the others for node B: until the last vote (for B) is heard,
    // A could still reach q; after it, neither can (n − q + 1 < q at every n).
    const toA = q - 1;
    expect(n - toA).toBeLessThan(q);
    const leader = leaderOfView2(n);
    for (let j = 0; j < n - 1; j++) leader.vote(j, j < toA ? 'A' : 'B');
    expect(leader.proposals()).toHaveLength(0);
    leader.vote(n - 1, 'B');
    expect(leader.proposals().length).toBeGreaterThan(0);
  });
});
