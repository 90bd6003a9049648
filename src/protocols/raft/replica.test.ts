/** Single-replica behaviour driven by a scripted context; each test names the paper rule it checks. */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { AppendEntries, AppendEntriesReply, RequestVote, RequestVoteReply } from './messages.ts';
import { RaftReplica, RaftRole } from './replica.ts';
import { scriptedRaftReplica } from '../testing/scripted-raft.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';

// Writes to stable storage take no time here: these tests check the RPC rules; persistence.test.ts checks the writes.
const PARAMS = { electionTimeoutMin: 150_000, electionTimeoutMax: 300_000, heartbeatInterval: 50_000, persistLatency: 0 };

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
});
