/** Single-replica behaviour driven by a scripted context; each test names the paper rule it checks. */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Transaction } from '../../ledger/types.ts';
import type { RequestMessage } from '../types.ts';
import type { AppendEntries, AppendEntriesReply, RequestVote, RequestVoteReply } from './messages.ts';
import { RaftReplica, RaftRole } from './replica.ts';
import { scriptedRaftReplica } from '../testing/scripted-raft.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';

// Writes to stable storage take no time here: these tests check the RPC rules; persistence.test.ts
// checks the writes. The paper's election, at once on timeout: pre-vote.test.ts checks the pre-vote.
const PARAMS = { electionTimeoutMin: 150_000, electionTimeoutMax: 300_000, heartbeatInterval: 50_000, persistLatency: 0, preVote: false };

function replica(index: number, n = 3, seed = 1): { r: RaftReplica; ctx: ScriptedContext } {
  return scriptedRaftReplica(PARAMS, index, n, seed);
}

const block1 = buildBlock({ parentHash: ZERO_HASH, height: 1, proposer: 0, timestampUs: 0, txs: [] });

describe('raft replica (Ongaro & Ousterhout 2014)', () => {
  it('§5.2: draws its election timeout from its own rng, within [min, max]', () => {
    const delays = new Set<number>();
    for (let seed = 1; seed <= 50; seed++) {
      const { ctx } = replica(1, 3, seed);
      const [t] = ctx.pendingTimers(1);
      expect(t!.delayUs).toBeGreaterThanOrEqual(PARAMS.electionTimeoutMin);
      expect(t!.delayUs).toBeLessThanOrEqual(PARAMS.electionTimeoutMax);
      delays.add(t!.delayUs);
    }
    expect(delays.size).toBeGreaterThan(40);
  });

  it('§5.2: on timeout a follower becomes candidate, votes for itself and asks every other server', () => {
    const { r, ctx } = replica(1);
    ctx.nowUs = 400_000;
    r.onTimer(1);
    expect(r.role).toBe(RaftRole.candidate);
    expect(r.currentTerm).toBe(1);
    const asks = ctx.take('raft-request-vote');
    expect(asks.map((s) => s.to)).toEqual([0, 2]);
  });

  it('§5.4.1: denies its vote to a candidate whose log is less up-to-date', () => {
    const { r, ctx } = replica(1);
    const ae: AppendEntries = { kind: 'raft-append', term: 1, leader: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 1, block: block1 }], leaderCommit: 0 };
    r.onMessage(0, ae);
    ctx.sent.length = 0;
    const stale: RequestVote = { kind: 'raft-request-vote', term: 2, candidate: 2, lastLogIndex: 0, lastLogTerm: 0 };
    r.onMessage(2, stale);
    const [vote] = ctx.take('raft-vote');
    expect((vote!.msg as RequestVoteReply).granted).toBe(false);
    const fresh: RequestVote = { kind: 'raft-request-vote', term: 2, candidate: 0, lastLogIndex: 1, lastLogTerm: 1 };
    r.onMessage(0, fresh);
    const [vote2] = ctx.take('raft-vote');
    expect((vote2!.msg as RequestVoteReply).granted).toBe(true);
  });

  it('§5.3: rejects AppendEntries whose prevLogIndex it lacks, with a retry hint', () => {
    const { r, ctx } = replica(1);
    const ae: AppendEntries = { kind: 'raft-append', term: 1, leader: 0, prevLogIndex: 5, prevLogTerm: 1, entries: [], leaderCommit: 0 };
    r.onMessage(0, ae);
    const [reply] = ctx.take('raft-append-reply');
    const m = reply!.msg as AppendEntriesReply;
    expect(m.success).toBe(false);
    expect(m.retryIndex).toBe(1);
    expect(m.rejectedPrevIndex).toBe(5);
  });

  it('§5.3: a follower commits only up to the last entry it verified against the leader', () => {
    const { r, ctx } = replica(1);
    const ae: AppendEntries = { kind: 'raft-append', term: 1, leader: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 1, block: block1 }], leaderCommit: 9 };
    r.onMessage(0, ae);
    expect(r.commitIndex).toBe(1);
    expect(ctx.emitted.filter((e) => e.kind === 'commit')).toHaveLength(1);
  });

  it('§5.3 with etcd/raft\'s probe state: a new leader sends each follower one AppendEntries until it answers, then streams', () => {
    const { r, ctx } = replica(1);
    ctx.nowUs = 400_000;
    r.onTimer(1);
    const granted: RequestVoteReply = { kind: 'raft-vote', term: 1, from: 0, granted: true };
    r.onMessage(0, granted);
    expect(r.role).toBe(RaftRole.leader);
    const probes = ctx.take('raft-append');
    expect(probes.map((s) => s.to)).toEqual([0, 2]);
    // Two entries appended while neither follower has answered go to nobody yet.
    for (let k = 0; k < 2; k++) {
      const tx: Transaction = { id: 900 + k, sender: 9, sizeBytes: 100, payloadDigest: 'ab'.repeat(32), submittedUs: ctx.nowUs };
      const req: RequestMessage = { kind: 'request', tx };
      r.onMessage(9, req);
    }
    expect(ctx.take('raft-append')).toHaveLength(0);
    // Follower 0 confirms the probe (the no-op at index 1): it is sent both entries, follower 2 still nothing.
    const ok: AppendEntriesReply = { kind: 'raft-append-reply', term: 1, from: 0, success: true, matchIndex: 1, retryIndex: 0, rejectedPrevIndex: 0 };
    r.onMessage(0, ok);
    const caughtUp = ctx.take('raft-append');
    expect(caughtUp.map((s) => s.to)).toEqual([0]);
    expect((caughtUp[0]!.msg as AppendEntries).entries.map((e) => e.block.height)).toEqual([2, 3]);
  });
});
