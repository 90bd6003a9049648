/**
 * Catching a lagging follower up (etcd/raft's replicate state, docs/references.md §8): once the
 * leader knows where their logs match, it sends the missing entries up to maxInflightAppends
 * AppendEntries ahead of the follower's answers (by default one: one per round trip).
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { raft } from './index.ts';
import type { RaftReplica } from './replica.ts';

const LATENCY_US = 5_000;
const CUT_FROM_US = 1_000_000;
const CUT_TO_US = 3_000_000;
const ENTRIES = 200;

/** µs from the end of a 2 s cut until the cut follower holds every entry the leader appended meanwhile (one transaction each). */
function catchUpUs(n: number, maxInflightAppends?: number): number {
  let cut = -1;
  const c = new TestCluster({
    module: raft, n, latencyUs: { kind: 'fixed', value: LATENCY_US }, batchSize: 1, batchTimeoutUs: 1_000,
    params: { persistLatency: 0, maxEntriesPerAppend: 2, ...(maxInflightAppends === undefined ? {} : { maxInflightAppends }) },
    dropWhen: (from, to) => from === cut || to === cut,
  });
  c.run(CUT_FROM_US);
  const leader = c.leaders.at(-1)!.leader;
  const leaderIndex = c.replicaHosts.indexOf(leader);
  const follower = (leaderIndex + 1) % n;
  cut = follower;
  for (let k = 0; k < ENTRIES; k++) c.submitAt(CUT_FROM_US + 100_000 + k * 5_000, [leaderIndex]);
  c.engine.at(CUT_TO_US, () => (cut = -1));
  const replicas = c.replicas as RaftReplica[];
  for (let t = CUT_TO_US; t <= CUT_TO_US + 5_000_000; t += 1_000) {
    c.run(t);
    if (replicas[follower]!.lastLogIndex >= replicas[leaderIndex]!.lastLogIndex && replicas[leaderIndex]!.lastLogIndex > ENTRIES) return t - CUT_TO_US;
  }
  return Infinity;
}

describe('Raft catch-up', () => {
  it.each([3, 4, 5, 7])("with etcd's window of 512 copies 200 missed entries, 2 per AppendEntries, within 15 round trips of the cut ending (n = %i)", (n) => {
    expect(catchUpUs(n, 512)).toBeLessThanOrEqual(15 * 2 * LATENCY_US);
  });

  it('by default (one AppendEntries in flight) takes a round trip per 2 entries: at least 100 round trips', () => {
    const us = catchUpUs(3);
    expect(us).toBeGreaterThanOrEqual((ENTRIES / 2) * 2 * LATENCY_US);
    expect(us).toBeLessThan(Infinity);
  });
});
