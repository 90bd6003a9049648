/**
 * Stable storage (Figure 2: state is "updated on stable storage before responding to RPCs"): each
 * test names the rule it checks. Replicas are driven by a scripted context, whose timers fire only
 * when a test fires them; the last tests run whole clusters.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forwardingContext, Rng, type ActorContext } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Block } from '../../ledger/types.ts';
import type { ProtocolDefinition } from '../definition.ts';
import type { ReplicaConfig } from '../types.ts';
import { TestCluster } from '../testing/cluster.ts';
import { raft } from './index.ts';
import type { AppendEntries, AppendEntriesReply, RequestVote, RequestVoteReply } from './messages.ts';
import type { RaftParams } from './params.ts';
import { RaftReplica } from './replica.ts';
import { scriptedRaftReplica } from '../testing/scripted-raft.ts';

const WRITE_US = 2_000;
/** The paper's election, at once on timeout (pre-vote writes nothing: pre-vote.test.ts). */
const PARAMS = { electionTimeoutMin: 150_000, electionTimeoutMax: 300_000, heartbeatInterval: 50_000, persistLatency: WRITE_US, preVote: false };
/** replica.ts's timer tags. */
const TIMER_ELECTION = 1;
const TIMER_PERSISTED = 4;

function replica(index: number, n = 3): { r: RaftReplica; ctx: ScriptedContext } {
  return scriptedRaftReplica(PARAMS, index, n);
}

function blockAt(height: number, parent: Block | undefined): Block {
  return buildBlock({ parentHash: parent?.hash ?? ZERO_HASH, height, proposer: 0, timestampUs: 0, txs: [] });
}

const blocks: Block[] = [];
for (let h = 1; h <= 4; h++) blocks.push(blockAt(h, blocks[h - 2]));

/** AppendEntries from leader 0 in term 1 carrying the entry at `index` only. */
function append(index: number): AppendEntries {
  return { kind: 'raft-append', term: 1, leader: 0, prevLogIndex: index - 1, prevLogTerm: index === 1 ? 0 : 1, entries: [{ term: 1, block: blocks[index - 1]! }], leaderCommit: 0 };
}

/** Fire the write in flight at `nowUs` (it must be the one pending write). */
function completeWrite(r: RaftReplica, ctx: ScriptedContext, nowUs: number): void {
  const pending = ctx.pendingTimers(TIMER_PERSISTED);
  expect(pending).toHaveLength(1);
  ctx.timers[pending[0]!.id]!.cancelled = true;
  ctx.nowUs = nowUs;
  r.onTimer(TIMER_PERSISTED);
}

function matchIndexes(ctx: ScriptedContext): number[] {
  return ctx.take('raft-append-reply').map((s) => (s.msg as AppendEntriesReply).matchIndex);
}

describe('raft stable storage (Figure 2)', () => {
  it('a follower acknowledges an entry only once the write holding it completes', () => {
    const { r, ctx } = replica(1);
    r.onMessage(0, append(1));
    expect(matchIndexes(ctx)).toEqual([]);
    expect(ctx.pendingTimers(TIMER_PERSISTED).map((t) => t.delayUs)).toEqual([WRITE_US]);
    completeWrite(r, ctx, WRITE_US);
    expect(matchIndexes(ctx)).toEqual([1]);
  });

  it('group commit: entries appended while a write is in flight go together into the next write', () => {
    const { r, ctx } = replica(1);
    r.onMessage(0, append(1));
    for (const [t, index] of [[500, 2], [900, 3], [1_500, 4]] as const) {
      ctx.nowUs = t;
      r.onMessage(0, append(index));
    }
    completeWrite(r, ctx, WRITE_US);
    expect(matchIndexes(ctx)).toEqual([1]);
    // One more write for the three entries that arrived during the first.
    completeWrite(r, ctx, 2 * WRITE_US);
    expect(matchIndexes(ctx)).toEqual([2, 3, 4]);
    expect(ctx.pendingTimers(TIMER_PERSISTED)).toEqual([]);
    expect(ctx.timers.filter((t) => t.tag === TIMER_PERSISTED)).toHaveLength(2);
  });

  it('§5.2: a server grants its vote only once the new term and the vote are written', () => {
    const { r, ctx } = replica(1);
    const ask: RequestVote = { kind: 'raft-request-vote', term: 2, candidate: 2, lastLogIndex: 0, lastLogTerm: 0 };
    r.onMessage(2, ask);
    expect(ctx.take('raft-vote')).toEqual([]);
    completeWrite(r, ctx, WRITE_US);
    const [vote] = ctx.take('raft-vote');
    expect((vote!.msg as RequestVoteReply).granted).toBe(true);
  });

  it('§5.2: a candidate asks for votes once its new term and its own vote are written', () => {
    const { r, ctx } = replica(1);
    ctx.nowUs = 400_000;
    r.onTimer(TIMER_ELECTION);
    expect(ctx.take('raft-request-vote')).toEqual([]);
    completeWrite(r, ctx, 400_000 + WRITE_US);
    expect(ctx.take('raft-request-vote').map((s) => s.to)).toEqual([0, 2]);
  });

  it('an answer from a term that has since moved on is dropped, not sent late', () => {
    const { r, ctx } = replica(1);
    r.onMessage(0, append(1));
    ctx.nowUs = 500;
    r.onMessage(2, { kind: 'raft-request-vote', term: 2, candidate: 2, lastLogIndex: 1, lastLogTerm: 1 } satisfies RequestVote);
    completeWrite(r, ctx, WRITE_US);
    completeWrite(r, ctx, 2 * WRITE_US);
    expect(ctx.take('raft-append-reply')).toEqual([]);
    expect(ctx.take('raft-vote').map((s) => (s.msg as RequestVoteReply).term)).toEqual([2]);
  });

  it('the leader counts its own entry towards the majority only once it is written', () => {
    const { r, ctx } = replica(0, 1);
    ctx.nowUs = 400_000;
    r.onTimer(TIMER_ELECTION);
    // A one-server cluster leads at once and appends its no-op (§8): the same write takes both.
    expect(r.lastLogIndex).toBe(1);
    expect(r.commitIndex).toBe(0);
    completeWrite(r, ctx, 400_000 + WRITE_US);
    expect(r.commitIndex).toBe(1);
  });
});

/** A Raft definition whose replicas report each follower's appends and acknowledgements. */
interface Appended {
  readonly term: number;
  readonly atUs: number;
}

function observedRaft(appendedAt: Map<number, Appended>[], acks: { replica: number; matchIndex: number; atUs: number }[]): ProtocolDefinition {
  return {
    ...raft,
    createReplica(ctx: ActorContext<unknown>, config, app) {
      const i = config.index;
      const seen = (appendedAt[i] = new Map());
      const recording = forwardingContext(ctx, {
        send(to, msg, sizeBytes) {
          const m = msg as AppendEntriesReply;
          if (m.kind === 'raft-append-reply' && m.success && m.matchIndex > 0) acks.push({ replica: i, matchIndex: m.matchIndex, atUs: ctx.nowUs });
          ctx.send(to, msg, sizeBytes);
        },
      });
      const r = new RaftReplica(recording, config as ReplicaConfig<RaftParams>, app);
      return {
        onStart: () => r.onStart(),
        onRecover: () => r.onRecover(),
        onTimer: (tag) => r.onTimer(tag),
        onMessage(from, msg) {
          r.onMessage(from, msg);
          const m = msg as AppendEntries;
          if (m.kind !== 'raft-append' || r.lastLogIndex < m.prevLogIndex + m.entries.length) return;
          m.entries.forEach((e, k) => {
            const index = m.prevLogIndex + 1 + k;
            if (seen.get(index)?.term !== e.term) seen.set(index, { term: e.term, atUs: ctx.nowUs });
          });
        },
      };
    },
  };
}

function submitLoad(cluster: TestCluster, seed: number, n: number): void {
  const rng = new Rng(seed, 'test-workload');
  for (let i = 0; i < 60; i++) cluster.submitAt(500_000 + rng.int(3_000_000), [rng.int(n)]);
}

describe('raft stable storage in a cluster', () => {
  for (const seed of [1, 2, 3]) {
    it(`a follower's acknowledgement never precedes its append of the entry plus the write (seed ${seed}, 2 % loss)`, () => {
      const appendedAt: Map<number, Appended>[] = [];
      const acks: { replica: number; matchIndex: number; atUs: number }[] = [];
      const cluster = new TestCluster({
        module: observedRaft(appendedAt, acks),
        n: 5,
        seed,
        latencyUs: { kind: 'uniform', min: 1_000, max: 30_000 },
        lossProbability: 0.02,
        retransmitUs: 300_000,
        batchSize: 4,
        batchTimeoutUs: 20_000,
        params: { persistLatency: WRITE_US },
      });
      submitLoad(cluster, seed, 5);
      cluster.run(5_000_000);
      expect(acks.length).toBeGreaterThan(100);
      for (const ack of acks) {
        const appended = appendedAt[ack.replica]!.get(ack.matchIndex)!;
        expect(ack.atUs - appended.atUs).toBeGreaterThanOrEqual(WRITE_US);
      }
      expect(cluster.conflicts()).toEqual([]);
    });
  }

  // Fingerprints of these runs taken before stable storage (and pre-vote) was modelled: with
  // persistLatency 0 and no pre-vote the replicas do exactly what they did then (the same blocks
  // committed at the same µs). Re-recorded once since, when the network model changed under both
  // (link times to the ns, latency draws per actor stream, a lost message transmitted first).
  for (const [seed, loss, fingerprint] of [
    [7, 0, 'd85c2cbed242f1db'],
    [11, 0.02, '9fb3130c3775bce9'],
  ] as const) {
    it(`persistLatency 0 gives the results from before persistence was modelled (seed ${seed}, loss ${loss})`, () => {
      const cluster = new TestCluster({
        module: raft,
        n: 5,
        seed,
        latencyUs: { kind: 'uniform', min: 1_000, max: 30_000 },
        lossProbability: loss,
        retransmitUs: 300_000,
        batchSize: 4,
        batchTimeoutUs: 20_000,
        params: { persistLatency: 0, preVote: false },
      });
      submitLoad(cluster, seed, 5);
      cluster.run(5_000_000);
      const committed = cluster.commits.map((list) => list.map((c) => `${c.timeUs}:${c.block.height}:${c.block.hash}`).join(' ')).join('\n');
      expect(createHash('sha256').update(committed).digest('hex').slice(0, 16)).toBe(fingerprint);
    });
  }
});
