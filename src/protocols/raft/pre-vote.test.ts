/**
 * Pre-vote (Ongaro's dissertation §9.6; etcd's default, docs/references.md §8): a replica whose
 * election timer fires asks first whether a majority would vote for it at its term + 1, raising
 * its term only once one would; a replica grants a pre-vote only to a log at least as up to date as
 * its own and only outside its lease of a leader (heard from within electionTimeoutMin), and
 * answering changes nothing. So a replica cut off from the others rejoins without deposing the leader.
 */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import { scriptedRaftReplica } from '../testing/scripted-raft.ts';
import { TestCluster } from '../testing/cluster.ts';
import { raft } from './index.ts';
import type { AppendEntries, PreVote, PreVoteReply, RequestVote } from './messages.ts';
import { RaftRole, type RaftReplica } from './replica.ts';

const PARAMS = { electionTimeoutMin: 150_000, electionTimeoutMax: 300_000, heartbeatInterval: 50_000, persistLatency: 0 };
const TIMER_ELECTION = 1;
const block1 = buildBlock({ parentHash: ZERO_HASH, height: 1, proposer: 0, timestampUs: 0, txs: [] });

function replica(index: number, n: number) {
  return scriptedRaftReplica(PARAMS, index, n);
}

describe('Raft pre-vote, one replica', () => {
  it.each([3, 4, 5, 7])('on timeout asks every other replica at term + 1, its own term and vote unchanged, and elects itself only after a majority would vote (n = %i)', (n) => {
    const { r, ctx } = replica(1, n);
    ctx.nowUs = 400_000;
    r.onTimer(TIMER_ELECTION);
    const asks = ctx.take('raft-pre-vote');
    expect(asks.map((s) => s.to)).toEqual(Array.from({ length: n }, (_, j) => j).filter((j) => j !== 1));
    expect(asks.every((s) => (s.msg as PreVote).term === 1)).toBe(true);
    expect([r.currentTerm, r.role, ctx.take('raft-request-vote').length]).toEqual([0, RaftRole.follower, 0]);
    const majority = Math.floor(n / 2) + 1;
    const grant = (from: number): void => r.onMessage(from, { kind: 'raft-pre-vote-reply', term: 1, from, granted: true } satisfies PreVoteReply);
    const terms: number[] = [];
    asks.forEach((a, k) => {
      grant(a.to);
      // The same voter twice counts once.
      if (k === 0) grant(a.to);
      terms.push(r.currentTerm);
    });
    // With itself, majority − 1 others make the majority that starts the election; later grants start nothing more.
    expect(terms).toEqual(asks.map((_, k) => (k + 2 >= majority ? 1 : 0)));
    expect(r.role).toBe(RaftRole.candidate);
    expect(ctx.take('raft-request-vote').map((s) => (s.msg as RequestVote).term)).toEqual(new Array(n - 1).fill(1));
  });

  it('grants a pre-vote at a higher term to a log as up to date as its own, refuses a staler one, and changes neither its term nor its vote', () => {
    const { r, ctx } = replica(1, 3);
    const ae: AppendEntries = { kind: 'raft-append', term: 1, leader: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 1, block: block1 }], leaderCommit: 0 };
    r.onMessage(0, ae);
    ctx.nowUs = PARAMS.electionTimeoutMin;
    const stale: PreVote = { kind: 'raft-pre-vote', term: 2, candidate: 2, lastLogIndex: 0, lastLogTerm: 0 };
    r.onMessage(2, stale);
    const fresh: PreVote = { kind: 'raft-pre-vote', term: 2, candidate: 0, lastLogIndex: 1, lastLogTerm: 1 };
    r.onMessage(0, fresh);
    const answers = ctx.take('raft-pre-vote-reply').map((s) => s.msg as PreVoteReply);
    expect(answers).toEqual([
      { kind: 'raft-pre-vote-reply', term: 1, from: 1, granted: false },
      { kind: 'raft-pre-vote-reply', term: 2, from: 1, granted: true },
    ]);
    expect(r.currentTerm).toBe(1);
    // Its vote at term 2 is still free: a real election for term 2 gets it.
    r.onMessage(2, { kind: 'raft-request-vote', term: 2, candidate: 0, lastLogIndex: 1, lastLogTerm: 1 } satisfies RequestVote);
    expect(ctx.take('raft-vote').map((s) => (s.msg as { granted: boolean }).granted)).toEqual([true]);
  });

  it('answers no pre-vote within electionTimeoutMin of hearing from its leader, and answers after', () => {
    const { r, ctx } = replica(1, 3);
    ctx.nowUs = 1_000_000;
    r.onMessage(0, { kind: 'raft-append', term: 1, leader: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 } satisfies AppendEntries);
    const ask: PreVote = { kind: 'raft-pre-vote', term: 2, candidate: 2, lastLogIndex: 0, lastLogTerm: 0 };
    ctx.nowUs = 1_000_000 + PARAMS.electionTimeoutMin - 1;
    r.onMessage(2, ask);
    expect(ctx.take('raft-pre-vote-reply')).toEqual([]);
    ctx.nowUs = 1_000_000 + PARAMS.electionTimeoutMin;
    r.onMessage(2, ask);
    expect(ctx.take('raft-pre-vote-reply').map((s) => (s.msg as PreVoteReply).granted)).toEqual([true]);
  });

  it('takes the higher term of a refusal and stops asking', () => {
    const { r, ctx } = replica(1, 3);
    ctx.nowUs = 400_000;
    r.onTimer(TIMER_ELECTION);
    r.onMessage(0, { kind: 'raft-pre-vote-reply', term: 5, from: 0, granted: false } satisfies PreVoteReply);
    expect(r.currentTerm).toBe(5);
    // A late grant for the abandoned pre-vote starts nothing.
    r.onMessage(2, { kind: 'raft-pre-vote-reply', term: 1, from: 2, granted: true } satisfies PreVoteReply);
    expect([r.role, ctx.take('raft-request-vote').length]).toEqual([RaftRole.follower, 0]);
  });
});

const CUT_FROM_US = 1_000_000;
const CUT_TO_US = 3_000_000;
const END_US = 4_500_000;

/** An idle cluster whose follower `leader + 1` is cut off from every other replica for 2 s (eight or more election timeouts). */
function rejoin(n: number, preVote: boolean) {
  let cut = -1;
  const c = new TestCluster({
    module: raft, n, latencyUs: { kind: 'fixed', value: 5_000 }, params: { ...PARAMS, preVote },
    dropWhen: (from, to) => from === cut || to === cut,
  });
  c.run(CUT_FROM_US);
  const leader = c.leaders.at(-1)!.leader;
  const before = c.leaders.length;
  c.engine.at(CUT_FROM_US, () => (cut = (leader + 1) % n));
  c.engine.at(CUT_TO_US, () => (cut = -1));
  c.run(END_US);
  const replicas = c.replicas as RaftReplica[];
  return { leader, electedAfterCut: c.leaders.slice(before), rejoined: replicas[(leader + 1) % n]!, leaderReplica: replicas[leader]! };
}

describe('Raft pre-vote, a cluster', () => {
  it.each([3, 4, 5, 6, 7, 8, 9])('a follower cut off for 2 s rejoins at the leader\'s term and the leader stays (n = %i)', (n) => {
    const { electedAfterCut, rejoined, leaderReplica } = rejoin(n, true);
    expect(electedAfterCut).toEqual([]);
    expect(leaderReplica.role).toBe(RaftRole.leader);
    expect(rejoined.currentTerm).toBe(leaderReplica.currentTerm);
    expect(rejoined.role).toBe(RaftRole.follower);
  });

  it.each([3, 5, 7])('without pre-vote the same follower comes back at a higher term and deposes the leader (n = %i)', (n) => {
    const { electedAfterCut } = rejoin(n, false);
    expect(electedAfterCut.length).toBeGreaterThan(0);
  });

  it.each([3, 4, 5, 6, 7, 8, 9])('a new leader is elected within a second of the leader being cut off (n = %i)', (n) => {
    let cut = -1;
    const c = new TestCluster({ module: raft, n, latencyUs: { kind: 'uniform', min: 1_000, max: 20_000 }, params: PARAMS, dropWhen: (from, to) => from === cut || to === cut });
    c.run(CUT_FROM_US);
    const leader = c.leaders.at(-1)!.leader;
    cut = leader;
    c.run(CUT_FROM_US + 1_000_000);
    const next = c.leaders.at(-1)!;
    expect(next.leader).not.toBe(c.replicaHosts[leader]);
    expect(next.timeUs).toBeGreaterThan(CUT_FROM_US);
  });
});
