/**
 * A Byzantine leader that stamps its blocks with a time other than its clock's (block-time.ts):
 * replica 0 is faulty, within what each protocol tolerates, and every block it builds carries the
 * stamp `stamp.skew` gives it. Honest replicas refuse to vote for such a proposal, as for any
 * invalid one: no honest replica commits a block stamped outside the bounds around when it arrived,
 * and the others' requests still commit (PBFT changes view, HotStuff's faulty leader's views time
 * out, Clique's other signers seal out of turn).
 */
import { describe, expect, it, vi } from 'vitest';
import type { ProtocolDefinition } from './definition.ts';
import { hotstuff } from './hotstuff/index.ts';
import { pbft } from './pbft/index.ts';
import { poa } from './poa/index.ts';
import { TestCluster } from './testing/cluster.ts';

const stamp = vi.hoisted(() => ({ skew: (nowUs: number): number => nowUs }));

vi.mock('../ledger/block.ts', async (importOriginal) => {
  const block = await importOriginal<typeof import('../ledger/block.ts')>();
  // Host 0 is replica 0, the faulty leader: it stamps with `stamp.skew` of its clock.
  return { ...block, buildBlock: (f: Parameters<typeof block.buildBlock>[0]) => block.buildBlock(f.proposer === 0 ? { ...f, timestampUs: stamp.skew(f.timestampUs) } : f) };
});

const S = 1_000_000;
/** The default bounds (PBTS's precision and message delay, docs/references.md §13). */
const PRECISION_US = 505_000;
const MESSAGE_DELAY_US = 15 * S;

const SKEWS = {
  /** The clock stops at 1 s. */
  capped: (nowUs: number) => Math.min(nowUs, S),
  past: (nowUs: number) => nowUs - 20 * S,
  future: (nowUs: number) => nowUs + 2 * S,
  /** Timely (within the message delay), but earlier than the honest leaders' blocks before it. */
  behind: (nowUs: number) => nowUs - 5 * S,
  /** True for 10 s, then 5 s behind: its first late stamp is earlier than its own batches before it. */
  behindLater: (nowUs: number) => (nowUs < 10 * S ? nowUs : nowUs - 5 * S),
  /** Within the precision: accepted, so the honest leaders after it must stamp no earlier than it. */
  slightlyAhead: (nowUs: number) => nowUs + 400_000,
  /** Far enough that Clique's other signers, which stamp their blocks no earlier than a period after it, would wait that long. */
  farFuture: (nowUs: number) => nowUs + 60 * S,
} as const;

/** Honest replicas' commits of blocks stamped further than the bounds (and 1 s of commit latency) from when they committed. */
function offClock(cluster: TestCluster, n: number): { replica: number; height: number; stampS: number; committedS: number }[] {
  const off = [];
  for (let i = 1; i < n; i++) {
    for (const c of cluster.commits[i]!) {
      const lateUs = c.timeUs - c.block.timestampUs;
      if (lateUs > MESSAGE_DELAY_US + PRECISION_US + S || lateUs < -PRECISION_US) off.push({ replica: i, height: c.block.height, stampS: c.block.timestampUs / S, committedS: c.timeUs / S });
    }
  }
  return off;
}

/** Honest replicas' commits of a block stamped earlier than the block they committed before it. */
function backInTime(cluster: TestCluster, n: number): { replica: number; height: number }[] {
  const back = [];
  for (let i = 1; i < n; i++) {
    const commits = cluster.commits[i]!;
    for (let k = 1; k < commits.length; k++) if (commits[k]!.block.timestampUs < commits[k - 1]!.block.timestampUs) back.push({ replica: i, height: commits[k]!.block.height });
  }
  return back;
}

/** The longest an honest replica took to commit a transaction after its submission. */
function slowestCommitUs(cluster: TestCluster, n: number): number {
  let slowest = 0;
  for (let i = 1; i < n; i++) for (const c of cluster.commits[i]!) for (const tx of c.block.txs) slowest = Math.max(slowest, c.timeUs - tx.submittedUs);
  return slowest;
}

/** One transaction a second for `seconds`, each to every replica but the faulty one. */
function run(module: ProtocolDefinition, n: number, skew: keyof typeof SKEWS, seconds: number, params: Record<string, unknown> = {}): TestCluster {
  stamp.skew = SKEWS[skew];
  const cluster = new TestCluster({ module, n, latencyUs: { kind: 'fixed', value: 1_000 }, params, retransmitUs: 2 * S });
  const honest = Array.from({ length: n - 1 }, (_, k) => k + 1);
  for (let t = 0; t < seconds; t++) cluster.submitAt(t * S + 500_000, honest);
  cluster.run((seconds + 60) * S);
  return cluster;
}

describe('a leader stamping blocks off its clock', () => {
  for (const n of [4, 5, 6, 7]) {
    for (const skew of ['capped', 'past', 'future'] as const) {
      it(`PBFT n = ${n}, ${skew}: backups refuse its pre-prepares, change view, and commit every request`, () => {
        const cluster = run(pbft, n, skew, 40);
        expect(offClock(cluster, n)).toEqual([]);
        expect(cluster.viewChanges.length).toBeGreaterThan(0);
        for (let i = 1; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(40);
        expect(cluster.conflicts()).toEqual([]);
      });

      it(`HotStuff n = ${n}, ${skew}: replicas refuse to vote for its nodes, and commit every request`, () => {
        const cluster = run(hotstuff, n, skew, 40);
        expect(offClock(cluster, n)).toEqual([]);
        for (let i = 1; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(40);
        expect(cluster.conflicts()).toEqual([]);
      });
    }

    it(`HotStuff n = ${n}, ahead within the precision: its nodes are accepted and the honest leaders after it stamp no earlier, so their views commit`, () => {
      const cluster = run(hotstuff, n, 'slightlyAhead', 40);
      expect(backInTime(cluster, n)).toEqual([]);
      // Every honest leader's view commits its block, so at least (n - 1)/n of the chain is theirs;
      // stamped earlier than the faulty leader's parent, their proposals were refused and their views timed out.
      const chain = cluster.commits[1]!;
      expect(chain.filter((c) => c.block.proposer !== 0).length / chain.length).toBeGreaterThanOrEqual((n - 1) / n);
      for (let i = 1; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(40);
    });

    it(`HotStuff n = ${n}, behind its parent: replicas refuse to vote for its nodes, and the committed chain's time never goes back`, () => {
      const cluster = run(hotstuff, n, 'behind', 40);
      expect(backInTime(cluster, n)).toEqual([]);
      for (let i = 1; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(40);
    });
  }

  for (const n of [4, 5, 6]) {
    it(`PBFT n = ${n}, behind batches a checkpoint has discarded (stateTransferWindow 0): backups hold it to the latest batch they executed, and the committed chain's time never goes back`, () => {
      const cluster = run(pbft, n, 'behindLater', 40, { checkpointInterval: 1, logWindow: 2, stateTransferWindow: 0 });
      expect(backInTime(cluster, n)).toEqual([]);
      expect(cluster.viewChanges.length).toBeGreaterThan(0);
      for (let i = 1; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(40);
    });
  }

  for (const n of [4, 5]) {
    it(`Clique n = ${n}, far future: signers refuse its blocks rather than wait a minute for their turn after it`, () => {
      const cluster = run(poa, n, 'farFuture', 40, { period: S });
      expect(offClock(cluster, n)).toEqual([]);
      for (let i = 1; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(40);
      // A period per block and ⌊n/2⌋ + 1 confirmations, with an out-of-turn signer's wiggle where the faulty one was in turn.
      expect(slowestCommitUs(cluster, n)).toBeLessThan(10 * S);
      expect(cluster.conflicts()).toEqual([]);
    });
  }
});
