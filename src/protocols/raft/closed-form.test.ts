/**
 * Closed forms on an ideal network (docs/references.md §2): fixed one-way delay δ, zero processing,
 * one transaction per entry. The leader commits 2δ after it receives an entry (one AppendEntries
 * round, §5.3), the client sees the reply 4δ after sending, and an entry costs 2(n − 1) messages.
 * A stable-storage write of w (Figure 2) adds w to both: followers acknowledge w after the entry
 * arrives, and the leader's own write runs while AppendEntries travel (δ + w + δ ≥ w), so commit
 * comes 2δ + w after the leader receives the entry and the client sees 4δ + w.
 */
import { describe, expect, it } from 'vitest';
import { raft } from './index.ts';
import { TestCluster } from '../testing/cluster.ts';

const DELTA_US = 10_000;
// Slow timers so no heartbeat or election falls inside the measured window.
const TIMERS = { electionTimeoutMin: 2_000_000, electionTimeoutMax: 4_000_000, heartbeatInterval: 1_000_000 };

/** A cluster with an elected leader, and a time halfway between two of its heartbeats. */
function electedCluster(n: number, persistLatency = 0): { cluster: TestCluster; leader: number; quietUs: number } {
  const params = { ...TIMERS, persistLatency };
  const cluster = new TestCluster({ module: raft, n, latencyUs: { kind: 'fixed', value: DELTA_US }, params, recordMessages: true });
  cluster.run(10_000_000);
  const elected = cluster.leaders.at(-1)!;
  const beats = Math.ceil((cluster.engine.nowUs - elected.timeUs) / TIMERS.heartbeatInterval);
  return { cluster, leader: elected.leader, quietUs: elected.timeUs + beats * TIMERS.heartbeatInterval + TIMERS.heartbeatInterval / 2 };
}

describe('raft closed forms with fixed delay δ', () => {
  for (const writeUs of [0, 2_000, 7_000]) {
    it(`with writes of w = ${writeUs / 1000} ms the leader commits 2δ + w after receiving an entry and the client sees the reply at 4δ + w`, () => {
      const { cluster, leader, quietUs: t0 } = electedCluster(5, writeUs);
      cluster.submitAt(t0, [leader]);
      cluster.run(t0 + 200_000);
      const commit = cluster.commits[leader]!.find((c) => c.block.txs.length === 1);
      expect(commit).toBeDefined();
      expect(commit!.timeUs - (t0 + DELTA_US)).toBe(2 * DELTA_US + writeUs);
      const replies = cluster.replies.get(commit!.block.txs[0]!.id)!;
      expect(replies).toHaveLength(1);
      expect(replies[0]!.timeUs - t0).toBe(4 * DELTA_US + writeUs);
    });
  }

  for (const n of [3, 5, 7]) {
    it(`sends 2(n − 1) = ${2 * (n - 1)} messages per entry for n = ${n}, with writes of 2 ms`, () => {
      const { cluster, leader, quietUs: t0 } = electedCluster(n, 2_000);
      cluster.submitAt(t0, [leader]);
      cluster.run(t0 + 100_000);
      const during = cluster.messages.filter((m) => m.timeUs >= t0 && m.timeUs <= t0 + 100_000);
      expect(during).toHaveLength(2 * (n - 1));
      expect(during.filter((m) => m.kind === 'raft-append')).toHaveLength(n - 1);
      expect(during.filter((m) => m.kind === 'raft-append-reply')).toHaveLength(n - 1);
    });
  }
});
