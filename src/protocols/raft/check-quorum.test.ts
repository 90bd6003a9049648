/**
 * Check quorum (Ongaro's dissertation §6.2): a leader that hears from no majority for an election
 * timeout steps down, so one cut off in a minority stops appending the requests that reach it. A
 * leader that still hears from a majority stays. Bound: the window of electionTimeoutMax that
 * misses the majority closes within two windows of the cut, and the check runs at the next
 * heartbeat after that.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { raft } from './index.ts';
import { RaftRole, type RaftReplica } from './replica.ts';

const PARAMS = { electionTimeoutMin: 150_000, electionTimeoutMax: 300_000, heartbeatInterval: 50_000 };
const CUT_US = 1_000_000;

/** The leader at CUT_US, and the cluster 1.5 s after `isolate` picked replicas cut off from every other. */
function cutLeader(n: number, isolate: (leader: number, n: number) => number[]) {
  const cut = new Set<number>();
  let leader = -1;
  const c = new TestCluster({
    module: raft, n, latencyUs: { kind: 'fixed', value: 5_000 }, params: PARAMS,
    dropWhen: (from, to) => cut.has(from) || cut.has(to),
  });
  c.run(CUT_US);
  leader = c.leaders.at(-1)!.leader;
  for (const j of isolate(leader, n)) cut.add(j);
  c.run(CUT_US + 1_500_000);
  return { replica: c.replicas[leader] as RaftReplica, c, leader };
}

const others = (leader: number, n: number) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== leader);

describe('Raft check quorum', () => {
  it.each([3, 4, 5, 7])('a leader cut off from every other replica steps down within two election timeouts and a heartbeat (n = %i)', (n) => {
    const { replica } = cutLeader(n, (leader) => [leader]);
    expect(replica.role).not.toBe(RaftRole.leader);
  });

  it.each([3, 4, 5, 7])('a leader that still hears from a majority, itself included, stays leader (n = %i)', (n) => {
    // Every follower beyond majority − 1 is cut off from every replica: the leader hears from
    // majority − 1 followers, and the cut ones reach nobody with their elections.
    const majority = Math.floor(n / 2) + 1;
    const { replica, c, leader } = cutLeader(n, (l, k) => others(l, k).slice(majority - 1));
    expect(replica.role).toBe(RaftRole.leader);
    expect(c.leaders.at(-1)!.leader).toBe(leader);
  });
});
