/**
 * 200 seeds with random delays, no faults: no two replicas commit different entries at one index
 * (Log Matching / State Machine Safety, §5.4.3), every replica commits a gap-free prefix, and
 * every submitted request is committed exactly once and answered (liveness).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/index.ts';
import { raft } from './index.ts';
import { TestCluster } from '../testing/cluster.ts';

const N = 5;
const TXS = 20;

function runSeed(seed: number, lossProbability = 0): TestCluster {
  const cluster = new TestCluster({
    module: raft,
    n: N,
    seed,
    latencyUs: { kind: 'uniform', min: 1_000, max: 30_000 },
    lossProbability,
    retransmitUs: lossProbability > 0 ? 300_000 : 0,
    batchSize: 4,
    batchTimeoutUs: 20_000,
  });
  const rng = new Rng(seed, 'test-workload');
  for (let i = 0; i < TXS; i++) cluster.submitAt(500_000 + rng.int(1_000_000), [rng.int(N)]);
  cluster.run(4_000_000);
  return cluster;
}

function summarize(cluster: TestCluster): string[] {
  const problems: string[] = [];
  if (cluster.conflicts().length > 0) problems.push(`conflicts ${JSON.stringify(cluster.conflicts())}`);
  let longest = 0;
  for (let i = 0; i < N; i++) {
    const heights = cluster.committedHeights(i);
    if (!heights.every((h, k) => h === k + 1)) problems.push(`replica ${i} committed heights ${heights.join(',')}`);
    longest = Math.max(longest, heights.length);
  }
  const best = cluster.commits.findIndex((c) => c.length === longest);
  const ids = cluster.committedTxIds(best);
  if (new Set(ids).size !== ids.length) problems.push('a transaction committed twice');
  if (ids.length !== TXS) problems.push(`${ids.length} of ${TXS} transactions committed`);
  if (cluster.replies.size !== TXS) problems.push(`${cluster.replies.size} of ${TXS} answered`);
  return problems;
}

describe('raft across seeds (random delays)', () => {
  it('200 seeds: zero safety violations and every request committed once and answered', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const p = summarize(runSeed(seed));
      if (p.length > 0) failures.push(`seed ${seed}: ${p.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('50 seeds with 5 % message loss and client retransmission: safe, and every request committed exactly once and answered', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 50; seed++) {
      const cluster = runSeed(seed, 0.05);
      const p = summarize(cluster);
      if (p.length > 0) failures.push(`seed ${seed}: ${p.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});
