import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { Transaction } from '../../ledger/types.ts';
import type { ForwardedIntake } from '../../protocols/definition.ts';
import { hotstuff } from '../../protocols/hotstuff/index.ts';
import { GroundTruth } from '../ground-truth.ts';
import type { AttackWorld } from '../types.ts';
import type { ByzantineBehaviour } from './behaviour.ts';
import { censorship } from './censorship.ts';

const CENSORED: HostId = 5;
const OTHER: HostId = 6;
const FORWARDER: HostId = 1;

function tx(id: number, sender: HostId): Transaction {
  return { id, sender, sizeBytes: 100, submittedUs: 0 } as Transaction;
}

/** The behaviour of a censor of client 0 (host CENSORED) in a HotStuff world. */
function censor(): ByzantineBehaviour {
  const spec = { type: 'censorship' as const, start: 0, end: undefined, replicas: [0], clients: [0] };
  const world = { protocol: hotstuff, clientHosts: [CENSORED, OTHER], replicaHosts: [0, FORWARDER] } as unknown as AttackWorld;
  return censorship.byzantineBehaviour!(spec as never, { truth: new GroundTruth(), replicaHosts: () => world.replicaHosts, whenInstalled: (fn) => fn(world) });
}

/** What the censor hands on of `msg` from the forwarder, and the transactions it labels censored, with `replica` asked what it would take. */
function rewrite(msg: object, replica?: ForwardedIntake): { seen: unknown; labelled: unknown[] } {
  const labelled: unknown[] = [];
  const seen = censor().rewritesIncoming!(FORWARDER, msg, 1_000, (e: ModelEvent) => labelled.push((e as { id?: unknown }).id), replica);
  return { seen, labelled };
}

describe('censorship of forwarded transactions', () => {
  it("takes a censored client's transactions out of the messages the protocol declares, and leaves any other message with a `txs` field as it is", () => {
    const vote = { kind: 'hs-vote', view: 3, blockHash: 'b', voter: 1, sig: undefined, txs: [tx(1, CENSORED), tx(2, OTHER)] };
    expect(rewrite(vote).seen).toEqual({ ...vote, txs: [tx(2, OTHER)] });
    // A hand-built message of a kind HotStuff does not declare: its `txs` (say, a block's, which a hash covers) are not forwarded ones.
    const other = { kind: 'hs-block', txs: [tx(1, CENSORED), tx(2, OTHER)] };
    const r = rewrite(other);
    expect(r.seen).toBe(other);
    expect(r.labelled).toEqual([]);
  });

  it('labels censored only the forwarded transactions the replica would have taken', () => {
    const newView = { kind: 'hs-new-view', view: 4, qc: {}, sender: 1, lastVote: undefined, txs: [tx(1, CENSORED), tx(3, CENSORED)] };
    const takesThird: ForwardedIntake = { forwardedTaken: (_from, m) => (m as typeof newView).txs.filter((t) => t.id === 3) };
    const r = rewrite(newView, takesThird);
    expect(r.seen).toEqual({ ...newView, txs: [] });
    expect(r.labelled).toEqual([3]);
  });
});
