/**
 * Signed messages (§4.2): with the run's key ring, a replica votes only for a proposal signed by the
 * view's leader, and a leader counts only votes signed by their voters.
 */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { KeyRing, ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { NO_APPLICATION, type ReplicaConfig } from '../types.ts';
import { hotstuff } from './index.ts';
import { proposalTerm, voteTerm, type HsProposal, type HsVote, type QuorumCert } from './messages.ts';
import type { HotStuffParams } from './params.ts';
import { HotStuffReplica } from './replica.ts';

const N = 4;

function setup() {
  const ring = new KeyRing('symbolic', 1);
  const keys = Array.from({ length: N }, (_, i) => ring.issue(i));
  const replica = (index: number) => {
    const ctx = new ScriptedContext(index);
    const config: ReplicaConfig<HotStuffParams> = {
      replicaHosts: [0, 1, 2, 3], index, batchSize: 1, batchTimeoutUs: 1, blockSizeMaxBytes: 1 << 20,
      crypto: ZERO_CRYPTO_COSTS, signingKey: keys[index]!, verifier: ring, ...defaultReplicaSettings(hotstuff),
    };
    const r = new HotStuffReplica(ctx, config, NO_APPLICATION);
    r.onStart();
    ctx.sent.length = 0;
    return { r, ctx };
  };
  return { ring, keys, replica };
}

const genesisQc: QuorumCert = { view: 0, blockHash: ZERO_HASH, sigs: [] };

function proposal(view: number, signer: number, keys: ReturnType<typeof setup>['keys'], ring: KeyRing): HsProposal {
  const block = buildBlock({ parentHash: ZERO_HASH, height: 1, proposer: view % N, timestampUs: 0, txs: [] });
  const sig = keys[signer]!.sign(ring.digest(proposalTerm(view, block.hash, 0, ZERO_HASH)));
  return { kind: 'hs-proposal', node: { block, view, justify: genesisQc, proposer: view % N, sig } };
}

describe('chained HotStuff signatures', () => {
  it('votes for the leader’s signed proposal, sending the vote to the next leader', () => {
    const { ring, keys, replica } = setup();
    const { r, ctx } = replica(3);
    r.onMessage(1, proposal(1, 1, keys, ring));
    const votes = ctx.take('hs-vote');
    expect(votes).toHaveLength(1);
    expect(votes[0]!.to).toBe(2);
  });

  it('ignores a proposal whose signature is not the leader’s', () => {
    const { ring, keys, replica } = setup();
    const { r, ctx } = replica(3);
    r.onMessage(1, proposal(1, 0, keys, ring));
    expect(ctx.take('hs-vote')).toHaveLength(0);
  });

  it('forms no QC from votes signed by someone else', () => {
    const { ring, keys, replica } = setup();
    const { r, ctx } = replica(2);
    const p = proposal(1, 1, keys, ring);
    r.onMessage(1, p);
    ctx.sent.length = 0;
    const hash = p.node.block.hash;
    // Two forged votes (both signed by replica 0) with the leader's own: not a quorum of 3 valid ones.
    for (const voter of [1, 3]) {
      const vote: HsVote = { kind: 'hs-vote', view: 1, blockHash: hash, voter, sig: keys[0]!.sign(ring.digest(voteTerm(1, hash))), txs: [] };
      r.onMessage(voter, vote);
    }
    expect(ctx.take('hs-proposal')).toHaveLength(0);
    // A genuine vote from replica 0 completes the quorum: replica 2 proposes view 2.
    r.onMessage(0, { kind: 'hs-vote', view: 1, blockHash: hash, voter: 0, sig: keys[0]!.sign(ring.digest(voteTerm(1, hash))), txs: [] });
    expect(ctx.take('hs-proposal')).toHaveLength(0);
    r.onMessage(3, { kind: 'hs-vote', view: 1, blockHash: hash, voter: 3, sig: keys[3]!.sign(ring.digest(voteTerm(1, hash))), txs: [] });
    expect(ctx.take('hs-proposal')).toHaveLength(N - 1);
  });
});
