/**
 * Closed forms on an ideal network (docs/references.md §2, chained HotStuff): fixed one-way delay δ,
 * zero processing. A node proposed at t commits at t + 7δ at the replicas (three more views of
 * 2δ each, plus the last proposal's flight), a new node is proposed every 2δ, and a view costs
 * 2(n − 1) messages: n − 1 proposals plus n − 1 votes to the next leader (§5).
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { hotstuff } from './index.ts';

const DELTA_US = 10_000;

function cluster(n: number): TestCluster {
  return new TestCluster({ module: hotstuff, n, latencyUs: { kind: 'fixed', value: DELTA_US }, recordMessages: true, batchSize: 1 });
}

describe('chained HotStuff closed forms with fixed delay δ', () => {
  it('a node commits 7δ after its proposal (6δ at the leader that proposes its third successor)', () => {
    const c = cluster(4);
    c.submitAt(200_000 + 1, [2]);
    c.run(1_000_000);
    const withTx = c.commits[0]!.find((r) => r.block.txs.length === 1)!;
    const proposedUs = withTx.block.timestampUs;
    const view = proposedUs / (2 * DELTA_US) + 1;
    const thirdSuccessorLeader = (view + 3) % 4;
    for (let i = 0; i < 4; i++) {
      const mine = c.commits[i]!.find((r) => r.block.hash === withTx.block.hash)!;
      expect(mine.timeUs - proposedUs).toBe(i === thirdSuccessorLeader ? 6 * DELTA_US : 7 * DELTA_US);
    }
    // The client's (f + 1)-th matching reply: one commit hop (7δ) plus the reply's flight.
    const replies = c.replies.get(withTx.block.txs[0]!.id)!.map((r) => r.timeUs).sort((a, b) => a - b);
    expect(replies).toHaveLength(4);
    expect(replies[1]! - proposedUs).toBe(8 * DELTA_US);
  });

  it('proposes a new node every 2δ', () => {
    const c = cluster(4);
    c.run(400_000);
    const times = c.commits[0]!.map((r) => r.block.timestampUs);
    expect(times.length).toBeGreaterThan(10);
    times.forEach((t, k) => expect(t).toBe(2 * DELTA_US * k));
  });

  for (const n of [4, 7, 10, 16, 31]) {
    it(`sends exactly 2(n − 1) = ${2 * (n - 1)} messages per view in steady state, n = ${n}`, () => {
      const c = cluster(n);
      c.run(1_000_000);
      const views = 20;
      const from = 40 * DELTA_US;
      const to = from + views * 2 * DELTA_US;
      const inWindow = c.messages.filter((m) => m.timeUs >= from && m.timeUs < to);
      expect(inWindow).toHaveLength(views * 2 * (n - 1));
      expect(inWindow.filter((m) => m.kind === 'hs-proposal')).toHaveLength(views * (n - 1));
      expect(inWindow.filter((m) => m.kind === 'hs-vote')).toHaveLength(views * (n - 1));
    });
  }
});
