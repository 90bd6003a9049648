/**
 * 200 seeds with random delays, honest replicas: no two replicas commit different nodes at one
 * height (§4.4 safety), each commits a gap-free chain, and every request is committed exactly once
 * and answered by all replicas (liveness after GST: the delays are bounded).
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../sim/index.ts';
import { TestCluster } from '../testing/cluster.ts';
import { hotstuff } from './index.ts';

const TXS = 20;

function runSeed(seed: number, n: number): string[] {
  const c = new TestCluster({
    module: hotstuff,
    n,
    seed,
    latencyUs: { kind: 'uniform', min: 1_000, max: 30_000 },
    batchSize: 4,
    params: { viewTimeout: 300_000 },
  });
  const rng = new Rng(seed, 'test-workload');
  for (let i = 0; i < TXS; i++) c.submitAt(100_000 + rng.int(500_000), [rng.int(n)]);
  c.run(1_500_000);
  const problems: string[] = [];
  if (c.conflicts().length > 0) problems.push(`conflicts ${JSON.stringify(c.conflicts())}`);
  for (let i = 0; i < n; i++) {
    const heights = c.committedHeights(i);
    if (!heights.every((h, k) => h === k + 1)) problems.push(`replica ${i} heights not gap-free`);
    const ids = c.committedTxIds(i);
    if (new Set(ids).size !== ids.length) problems.push(`replica ${i} committed a transaction twice`);
    if (ids.length !== TXS) problems.push(`replica ${i} committed ${ids.length} of ${TXS}`);
  }
  const answered = [...c.replies.values()].filter((r) => r.length >= hotstuff.faultModel.repliesNeeded(n)).length;
  if (answered !== TXS) problems.push(`${answered} of ${TXS} answered by f + 1`);
  return problems;
}

describe('chained HotStuff across seeds (random delays)', () => {
  it('200 seeds, n = 4: zero safety violations, every request committed once and answered', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const p = runSeed(seed, 4);
      if (p.length > 0) failures.push(`seed ${seed}: ${p.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('20 seeds, n = 7 and n = 10: same', () => {
    const failures: string[] = [];
    for (const n of [7, 10]) {
      for (let seed = 1; seed <= 20; seed++) {
        const p = runSeed(seed, n);
        if (p.length > 0) failures.push(`n ${n} seed ${seed}: ${p.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
