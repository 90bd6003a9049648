/**
 * What one dead replica costs chained HotStuff under round-robin leaders, in closed form (fixed
 * one-way delay δ, zero processing, view timeout T). The dead replica leads every n-th view. Its
 * view times out T after the last live leader's proposal reached the replicas, and their NEW-VIEWs
 * carry the votes for that proposal to the next leader, which forms its QC from them and proposes
 * on it (replica.ts, sendNewView). So no block is orphaned: the n − 1 live views of a rotation take
 * 2δ each up to the last proposal, then its flight δ, the timeout T and the NEW-VIEW flight δ, and
 * every block commits. A rotation lasts T + 2(n − 1)δ and commits n − 1 blocks: with full blocks
 * of b transactions the ledger carries (n − 1)·b / (T + 2(n − 1)δ) tx/s however much is offered.
 * (With one silent replica of four, batchSize 10, T = 1 s and δ = 10 ms that is 28.3 tx/s.)
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { hotstuff } from './index.ts';

const DELTA_US = 10_000;
const T_US = 200_000;

/**
 * Replica 0 dead from the start: the blocks replica 1 commits in each of `periods` consecutive
 * periods of `periodUs`, from the third (steady state), counted at offsets that are not commit
 * instants.
 */
function committedPerPeriod(n: number, periodUs: number, periods: number): number[] {
  const c = new TestCluster({ module: hotstuff, n, latencyUs: { kind: 'fixed', value: DELTA_US }, params: { viewTimeout: T_US } });
  c.engine.crash(c.replicaHosts[0]!);
  const samples = Array.from({ length: periods + 1 }, (_, k) => 3 * periodUs + 7_777 + k * periodUs);
  c.run(samples[periods]! + 1);
  expect(c.conflicts()).toEqual([]);
  const commits = c.commits[1]!;
  const heights = samples.map((t) => commits.filter((r) => r.timeUs <= t).length);
  return heights.slice(1).map((h, k) => h - heights[k]!);
}

const rotationUs = (n: number): number => T_US + 2 * (n - 1) * DELTA_US;

describe('chained HotStuff with one dead replica: a rotation of T + 2(n − 1)δ commits n − 1 blocks', () => {
  for (const n of [4, 5, 6, 7, 10]) {
    it(`n = ${n}: every rotation of ${rotationUs(n) / 1000} ms in steady state adds ${n - 1} committed blocks`, () => {
      const perRotation = committedPerPeriod(n, rotationUs(n), 8);
      expect(perRotation).toEqual(perRotation.map(() => n - 1));
    });
  }

  it('the period is T + 2(n − 1)δ, not a neighbouring value: a shifted period changes the count somewhere', () => {
    const perPeriod = committedPerPeriod(4, rotationUs(4) + DELTA_US, 24);
    expect(perPeriod.some((d) => d !== 3)).toBe(true);
  });
});
