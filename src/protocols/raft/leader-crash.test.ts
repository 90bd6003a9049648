/**
 * Crashing the leader (§5.2): followers stop hearing heartbeats, one times out, wins an election in
 * a higher term, and commits resume. Bound: a follower's deadline is at most electionTimeoutMax
 * after the last heartbeat, one vote round trip follows, and a split vote costs at most one more
 * timeout: 2 · 300 ms + 4 · 15 ms (the largest one-way delay here) = 660 ms. The new leader's
 * no-op entry (§8) reaches followers with the next heartbeat (50 ms); a client request forwarded to
 * the dead leader is lost and retransmitted by the client after 200 ms.
 */
import { describe, expect, it } from 'vitest';
import { raft } from './index.ts';
import { TestCluster } from '../testing/cluster.ts';

const CRASH_US = 1_000_000;
const BOUND_US = 2 * 300_000 + 4 * 15_000;
const HEARTBEAT_US = 50_000;
const RETRANSMIT_US = 200_000;

describe('raft leader crash', () => {
  it('20 seeds: a new leader is elected in a higher term within 660 ms and commits resume', () => {
    const outcomes: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const cluster = new TestCluster({ module: raft, n: 5, seed, latencyUs: { kind: 'uniform', min: 5_000, max: 15_000 }, retransmitUs: RETRANSMIT_US });
      cluster.run(CRASH_US);
      const old = cluster.leaders.at(-1)!;
      cluster.engine.crash(old.leader);
      // A request reaches a surviving follower right after the crash; it is held until a leader is known.
      const follower = (old.leader + 1) % 5;
      cluster.submitAt(CRASH_US + 1, [follower]);
      cluster.run(CRASH_US + 2_000_000);
      const next = cluster.leaders.find((v) => v.timeUs > CRASH_US);
      const resumed = cluster.commits[follower]!.find((c) => c.timeUs > CRASH_US);
      const request = cluster.commits[follower]!.find((c) => c.timeUs > CRASH_US && c.block.txs.length > 0);
      const ok =
        next !== undefined &&
        next.view > old.view &&
        next.leader !== old.leader &&
        next.timeUs - CRASH_US <= BOUND_US &&
        resumed !== undefined &&
        resumed.timeUs - CRASH_US <= BOUND_US + 2 * 15_000 + HEARTBEAT_US &&
        request !== undefined &&
        request.timeUs - CRASH_US <= BOUND_US + RETRANSMIT_US + 4 * 15_000 + HEARTBEAT_US;
      if (!ok) {
        const at = (x: { timeUs: number } | undefined) => x && x.timeUs - CRASH_US;
        outcomes.push(`seed ${seed}: election ${at(next)} µs, first commit ${at(resumed)} µs, request ${at(request)} µs`);
      }
      expect(cluster.conflicts()).toEqual([]);
    }
    expect(outcomes).toEqual([]);
  });

  it('a recovered follower catches up on every entry it missed (§5.3 consistency check)', () => {
    const cluster = new TestCluster({ module: raft, n: 5, seed: 3, latencyUs: { kind: 'uniform', min: 5_000, max: 15_000 }, batchSize: 1 });
    cluster.run(CRASH_US);
    const leader = cluster.leaders.at(-1)!.leader;
    const follower = (leader + 2) % 5;
    cluster.engine.crash(follower);
    for (let i = 0; i < 200; i++) cluster.submitAt(CRASH_US + 1 + i * 1_000, [leader]);
    cluster.run(CRASH_US + 500_000);
    cluster.engine.recover(follower);
    cluster.run(CRASH_US + 1_500_000);
    const leaderHeights = cluster.committedHeights(leader);
    expect(leaderHeights.length).toBeGreaterThan(200);
    expect(cluster.committedHeights(follower)).toEqual(leaderHeights);
    expect(cluster.conflicts()).toEqual([]);
  });
});
