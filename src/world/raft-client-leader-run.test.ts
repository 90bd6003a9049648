/**
 * A Raft client counts one reply per request, so a new leader's reply to a rebroadcast copy of a
 * request another leader already confirmed is often its only news of that leader; it checks such a
 * reply and follows the leader it names (Ongaro & Ousterhout 2014, §8; request-target.ts) instead
 * of sending to a leader cut off from the others until its request timeout moves it on.
 */
import { describe, expect, it } from 'vitest';
import { forwardingContext, type HostId } from '../../sim/index.ts';
import type { LoadClient } from '../protocols/client/client.ts';
import type { WrapReplica } from '../protocols/consortium/placement.ts';
import type { ReplyMessage } from '../protocols/types.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';
import type { ConsensusWorld } from './types.ts';

/** scenarios/attacks/leader-isolation.yaml: each Raft leader of 2–6 s cut from the other replicas 30 ms after it is announced. */
const leaderIsolation = consensusScenario({
  duration: '8s',
  network: { latency: { kind: 'fixed', value: '5ms' } },
  consensus: { protocol: 'raft', nodes: 5, batchSize: 10, batchTimeout: '50ms' },
  workload: { rateTps: 100, clients: 4 },
  attacks: [{ type: 'leader-isolation', start: '2s', end: '6s', followers: 1, follow: true, after: '30ms' }],
} as never);

/** Long enough for a reply to cross the 5 ms network and be handled. */
const SETTLE_US = 10_000;

interface SentReply {
  readonly client: HostId;
  readonly sentUs: number;
  readonly leader: HostId;
  readonly view: number;
  /** Whether the client had a reply to this request before (so this one is not counted). */
  readonly repeat: boolean;
  /** The client's target SETTLE_US after the reply was sent. */
  targetAfter: HostId;
}

/** Every reply a replica sent a client, with the client's target once the reply has arrived. */
function repliesAndTargets(): SentReply[] {
  let world: ConsensusWorld | undefined;
  const sent: SentReply[] = [];
  const answered = new Set<number>();
  const tap: WrapReplica = (_i, factory) => (ctx) =>
    factory(forwardingContext(ctx, {
      send: (to, msg, sizeBytes) => {
        ctx.send(to, msg, sizeBytes);
        const r = msg as ReplyMessage;
        if (r.kind !== 'reply') return;
        const reply: SentReply = { client: to, sentUs: ctx.nowUs, leader: r.leader!, view: r.view!, repeat: answered.has(r.txId), targetAfter: -1 };
        answered.add(r.txId);
        sent.push(reply);
        world!.engine.at(ctx.nowUs + SETTLE_US, () => void (reply.targetAfter = world!.engine.actor<LoadClient>(to).targetHost));
      },
    }));
  runConsensusWorld(leaderIsolation, 1, { wrapReplica: tap, setup: (w) => void (world = w) });
  return sent;
}

/** The leader that answered `r`'s client last before `r`, if any. */
function previousLeader(sent: readonly SentReply[], r: SentReply): HostId | undefined {
  let leader: HostId | undefined;
  for (const o of sent) if (o.client === r.client && o.sentUs < r.sentUs) leader = o.leader;
  return leader;
}

describe('Raft clients while each new leader is cut off', () => {
  it('follow the leader that answered them, whether or not they count its reply', () => {
    const sent = repliesAndTargets();
    // Replies whose news is unambiguous: no other leader or term answered the same client around
    // them, and no newer term before them.
    const clear = sent.filter((r) =>
      sent.every((o) => o.client !== r.client || (o.sentUs < r.sentUs - SETTLE_US ? o.view <= r.view : o.sentUs > r.sentUs + SETTLE_US || (o.leader === r.leader && o.view === r.view))),
    );
    // What is tested: a new leader's reply the client does not count, to a request already confirmed.
    const uncountedFromNewLeader = clear.filter((r) => r.repeat && previousLeader(sent, r) !== r.leader);
    expect(uncountedFromNewLeader.length).toBeGreaterThan(0);
    expect(clear.filter((r) => r.targetAfter !== r.leader)).toEqual([]);
  });
});
