import { describe, expect, it } from 'vitest';
import type { Block } from '../../ledger/types.ts';
import { DIFF_IN_TURN, DIFF_NO_TURN } from './clique.ts';
import { PoaCollector } from './collector.ts';
import type { PoaReorgEvent, PoaSealedEvent } from './events.ts';

/** Seal `hash` on `parentHash` ('' for genesis) at `height` with Clique difficulty `difficulty`, at `timeUs`. */
function seal(c: PoaCollector, hash: string, parentHash: string, height: number, difficulty: number, timeUs = 0): void {
  const sealed: PoaSealedEvent = { kind: 'poa-sealed', ofEveryFace: true, block: { hash, parentHash, height } as Block, difficulty };
  c.observe(0, sealed, timeUs);
}

const value = (c: PoaCollector, name: string, simulatedUs = 12_000_000): number => c.metrics(simulatedUs)[name]!.value;

describe('PoaCollector', () => {
  it('takes the main chain by total difficulty: an out-of-turn branch loses to an in-turn one of equal length', () => {
    const c = new PoaCollector();
    seal(c, 'a1', '', 1, DIFF_NO_TURN);
    seal(c, 'b1', '', 1, DIFF_IN_TURN);
    seal(c, 'a2', 'a1', 2, DIFF_IN_TURN);
    seal(c, 'b2', 'b1', 2, DIFF_IN_TURN);
    expect(c.mainChain().map((s) => s.hash)).toEqual(['b1', 'b2']);
    expect(value(c, 'poa.blocks')).toBe(2);
    expect(value(c, 'poa.blocks_sealed')).toBe(4);
    expect(value(c, 'poa.stale_blocks')).toBe(2);
    expect(value(c, 'poa.stale_rate')).toBe(0.5);
  });

  it('keeps the first sealed block on a tie of total difficulty', () => {
    const c = new PoaCollector();
    seal(c, 'a1', '', 1, DIFF_IN_TURN);
    seal(c, 'b1', '', 1, DIFF_IN_TURN);
    expect(c.mainChain().map((s) => s.hash)).toEqual(['a1']);
  });

  it('counts a block reported sealed twice once, and not as a contested height', () => {
    const c = new PoaCollector();
    seal(c, 'a1', '', 1, DIFF_IN_TURN);
    seal(c, 'a1', '', 1, DIFF_IN_TURN);
    expect(value(c, 'poa.blocks_sealed')).toBe(1);
    expect(value(c, 'poa.stale_blocks')).toBe(0);
    expect(value(c, 'poa.fork_rate')).toBe(0);
  });

  it('gives the fork rate as contested main-chain heights and the in-turn ratio as in-turn main-chain blocks, each over the main chain', () => {
    const c = new PoaCollector();
    seal(c, 'a1', '', 1, DIFF_IN_TURN);
    seal(c, 'x1', '', 1, DIFF_NO_TURN);
    seal(c, 'a2', 'a1', 2, DIFF_NO_TURN);
    seal(c, 'a3', 'a2', 3, DIFF_IN_TURN);
    seal(c, 'a4', 'a3', 4, DIFF_IN_TURN);
    expect(value(c, 'poa.fork_rate')).toBe(1 / 4);
    expect(value(c, 'poa.in_turn_ratio')).toBe(3 / 4);
  });

  it('takes the block interval as the last main-chain block\'s sealing time over main-chain blocks, not the run\'s end; NaN with none', () => {
    const c = new PoaCollector();
    expect(value(c, 'poa.block_interval_s')).toBeNaN();
    seal(c, 'a1', '', 1, DIFF_IN_TURN, 2_000_000);
    seal(c, 'a2', 'a1', 2, DIFF_IN_TURN, 4_000_000);
    seal(c, 'b2', 'a1', 2, DIFF_NO_TURN, 4_500_000);
    // A 2 s period: the run ended 1.9 s after the last block, which simulated time over blocks counted.
    expect(value(c, 'poa.block_interval_s', 5_900_000)).toBe(2);
  });

  it('counts reorganisations, the deepest, and final blocks they removed', () => {
    const c = new PoaCollector();
    const reorg = (depth: number, committedRemoved: number): PoaReorgEvent => ({ kind: 'poa-reorg', depth, committedRemoved });
    // The deepest comes between shallower ones: neither the last nor the first is the maximum.
    c.observe(0, reorg(2, 0), 0);
    c.observe(2, reorg(4, 2), 0);
    c.observe(1, reorg(1, 0), 0);
    expect(value(c, 'poa.reorgs')).toBe(3);
    expect(value(c, 'poa.max_reorg_depth')).toBe(4);
    expect(value(c, 'poa.finality_violations')).toBe(2);
  });
});
