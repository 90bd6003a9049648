import { describe, expect, it } from 'vitest';
import type { CommitEvent } from '../types.ts';
import { HEADER_SIZE_BYTES, mineBlock, powGenesis } from './block.ts';
import { PowCollector } from './collector.ts';
import type { PowArrivedEvent, PowBlock, PowMinedEvent, PowReorgEvent } from './types.ts';

const genesis = powGenesis();
/** A block of `txs` transactions of 100 bytes each, mined by `miner` at `atUs`. */
const mine = (parent: PowBlock, miner: number, atUs: number, txs = 10): PowBlock => mineBlock(parent, miner, atUs, 1, HEADER_SIZE_BYTES + 100 * txs, 100, 0);

/** Feed a collector of `nodes` nodes: each block mined at its own time, in the order given. */
function minedAll(nodes: number, blocks: readonly PowBlock[], stopAfterHeight = Infinity): PowCollector {
  const c = new PowCollector(nodes, stopAfterHeight);
  for (const b of blocks) {
    const mined: PowMinedEvent = { kind: 'pow-mined', block: b };
    c.observe(b.miner, mined, b.timestampUs);
  }
  return c;
}

const value = (c: PowCollector, name: string, simulatedUs = 10_000_000, confirmations = 1): number => c.metrics(simulatedUs, confirmations)[name]!.value;

describe('PowCollector', () => {
  it('counts as stale every mined block off the chain of most work', () => {
    const a1 = mine(genesis, 0, 1_000);
    const b1 = mine(genesis, 1, 2_000);
    const a2 = mine(a1, 0, 3_000);
    const c = minedAll(3, [a1, b1, a2]);
    expect(c.mainChain()).toEqual([a1, a2]);
    expect(value(c, 'pow.blocks')).toBe(2);
    expect(value(c, 'pow.blocks_mined')).toBe(3);
    expect(value(c, 'pow.stale_blocks')).toBe(1);
    expect(value(c, 'pow.stale_rate')).toBeCloseTo(1 / 3, 12);
  });

  it('does not count the block above the stop height, which only ends the run (SimBlock stops before mining it)', () => {
    const a1 = mine(genesis, 0, 1_000);
    const a2 = mine(a1, 0, 2_000);
    const a3 = mine(a2, 1, 3_000);
    const c = minedAll(2, [a1, a2, a3], 2);
    expect(value(c, 'pow.blocks')).toBe(2);
    expect(value(c, 'pow.blocks_mined')).toBe(2);
  });

  it('keeps the block found first when two branches have equal work', () => {
    const a1 = mine(genesis, 0, 1_000);
    const b1 = mine(genesis, 1, 2_000);
    const c = minedAll(2, [a1, b1]);
    expect(c.mainChain()).toEqual([a1]);
    expect(value(c, 'pow.stale_blocks')).toBe(1);
  });

  it('measures propagation as SimBlock does: mean over blocks of the time until 50 % and 90 % of nodes have each, its miner counted', () => {
    // 5 nodes: 50 % is the 3rd node to have a block, 90 % the 5th.
    const a1 = mine(genesis, 0, 1_000);
    const a2 = mine(a1, 1, 20_000);
    const c = minedAll(5, [a1, a2]);
    const arrive = (b: PowBlock, atUs: number): void => {
      const arrived: PowArrivedEvent = { kind: 'pow-arrived', block: b };
      c.observe(0, arrived, atUs);
    };
    arrive(a1, 3_000);
    arrive(a1, 5_000);
    arrive(a1, 9_000);
    arrive(a1, 12_000);
    // a2 reaches 3 of the 5 nodes: it counts for the 50 % mean and not for the 90 % one.
    arrive(a2, 21_000);
    arrive(a2, 22_000);
    expect(value(c, 'pow.block_propagation_ms.p50')).toBeCloseTo((4 + 2) / 2, 12);
    expect(value(c, 'pow.block_propagation_ms.p90')).toBeCloseTo(11, 12);
  });

  it('gives no propagation figure when no block reaches the share', () => {
    const c = minedAll(4, [mine(genesis, 0, 1_000)]);
    expect(value(c, 'pow.block_propagation_ms.p50')).toBeNaN();
    expect(value(c, 'pow.block_propagation_ms.p90')).toBeNaN();
  });

  it('takes time to finality as the mean over commits of commit time minus mining time, NaN without commits', () => {
    const a1 = mine(genesis, 0, 1_000);
    const c = minedAll(2, [a1]);
    expect(value(c, 'pow.time_to_finality_ms')).toBeNaN();
    const commit: CommitEvent = { kind: 'commit', block: a1 };
    c.observe(0, commit, 61_000);
    c.observe(1, commit, 71_000);
    expect(value(c, 'pow.time_to_finality_ms')).toBeCloseTo(65, 12);
  });

  it('counts reorganisations, the deepest, and committed blocks they removed', () => {
    const c = minedAll(2, []);
    const reorg = (depth: number, committedRemoved: number): PowReorgEvent => ({ kind: 'pow-reorg', depth, committedRemoved });
    c.observe(0, reorg(1, 0), 1_000);
    c.observe(1, reorg(3, 1), 2_000);
    c.observe(0, reorg(2, 0), 3_000);
    expect(value(c, 'pow.reorgs')).toBe(3);
    expect(value(c, 'pow.max_reorg_depth')).toBe(3);
    expect(value(c, 'pow.finality_violations')).toBe(1);
  });

  it('counts as throughput the transactions of main-chain blocks with the required confirmations', () => {
    const a1 = mine(genesis, 0, 1_000, 10);
    const a2 = mine(a1, 0, 2_000, 20);
    const a3 = mine(a2, 0, 3_000, 40);
    const stale = mine(a1, 1, 2_500, 1_000);
    const c = minedAll(2, [a1, a2, stale, a3]);
    // Two confirmations on a chain of three: blocks 1 and 2 are final, block 3 is not.
    expect(value(c, 'pow.throughput_tps', 10_000_000, 2)).toBeCloseTo((10 + 20) / 10, 12);
    expect(value(c, 'pow.throughput_tps', 10_000_000, 1)).toBeCloseTo((10 + 20 + 40) / 10, 12);
    expect(value(c, 'pow.throughput_tps', 10_000_000, 4)).toBe(0);
  });

  it('takes the block interval as the last main-chain block\'s time over main-chain blocks, not the run\'s end', () => {
    const a1 = mine(genesis, 0, 4_000_000);
    const c = minedAll(2, [a1, mine(a1, 0, 10_000_000), mine(genesis, 1, 5_000_000)]);
    // Intervals 4 s and 6 s from genesis; the run ended 5 s after the last block.
    expect(value(c, 'pow.block_interval_s', 15_000_000)).toBeCloseTo(5, 12);
    expect(value(minedAll(2, []), 'pow.block_interval_s')).toBeNaN();
  });
});
