/**
 * What a node reports when its head moves to another branch, from which pow.reorgs,
 * pow.max_reorg_depth and pow.finality_violations are summed (collector.ts): the blocks it removed
 * from its chain, and of those the ones it had committed (k deep, Nakamoto 2008 §11); and when it
 * commits a block, from which pow.time_to_finality is taken.
 */
import { describe, expect, it } from 'vitest';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { HEADER_SIZE_BYTES, mineBlock, powGenesis } from './block.ts';
import { PowNode } from './node.ts';
import { powNetworkParams, powParamsSchema } from './params.ts';
import type { CommitEvent } from '../types.ts';
import type { PowBlock, PowReorgEvent } from './types.ts';

const CONFIRMATIONS = 2;

/** A node that mines nothing (hash share 0) and is handed blocks as its relay would. */
function node(): { n: PowNode; ctx: ScriptedContext } {
  const ctx = new ScriptedContext(0);
  const genesis = powGenesis();
  const n = new PowNode(ctx, { params: powNetworkParams(powParamsSchema.parse({ confirmations: CONFIRMATIONS })), hashShare: 0, candidates: [], genesis });
  return { n, ctx };
}

/** `length` blocks of difficulty 1 on `parent`, mined by `miner`. */
function branch(parent: PowBlock, miner: number, length: number): PowBlock[] {
  const out: PowBlock[] = [];
  for (let i = 0; i < length; i++) out.push(mineBlock(out[i - 1] ?? parent, miner, (i + 1) * 1_000_000 + miner, 1, HEADER_SIZE_BYTES + 100, 100, miner));
  return out;
}

const reorgs = (ctx: ScriptedContext) => ctx.emitted.filter((e): e is PowReorgEvent => e.kind === 'pow-reorg');

describe('a proof-of-work node reorganising', () => {
  it('reports each switch once, with the blocks it removed and, of those, the ones it had committed', () => {
    const { n, ctx } = node();
    const genesis = n.chain.head as PowBlock;
    const a = branch(genesis, 1, 3);
    const b = branch(genesis, 2, 4);
    for (const blk of a) n.deliver(blk, 1);
    // Head a3 at height 3 with k = 2: a1 and a2 are committed (k blocks, itself included, on top).
    // b1..b3 tie a's work and lose to the block seen first; b4 outweighs it: a1..a3 leave the chain.
    for (const blk of b) n.deliver(blk, 2);
    expect(reorgs(ctx)).toEqual([{ kind: 'pow-reorg', depth: 3, committedRemoved: 2 }]);
    expect(n.chain.head).toBe(b[3]);
  });

  it('commits a block once k blocks, itself included, sit on the chain, which pow.time_to_finality counts from', () => {
    const { n, ctx } = node();
    const a = branch(n.chain.head as PowBlock, 1, 3);
    for (const blk of a) n.deliver(blk, 1);
    expect(ctx.emitted.filter((e) => e.kind === 'commit').map((e) => (e as CommitEvent).block)).toEqual([a[0], a[1]]);
  });

  it('reports a switch below its committed height as removing no committed block', () => {
    const { n, ctx } = node();
    const genesis = n.chain.head as PowBlock;
    const a = branch(genesis, 1, 3);
    for (const blk of a) n.deliver(blk, 1);
    // A branch from a2 (committed) outweighing a3: only a3, not committed, leaves.
    for (const blk of branch(a[1]!, 2, 2)) n.deliver(blk, 2);
    expect(reorgs(ctx)).toEqual([{ kind: 'pow-reorg', depth: 1, committedRemoved: 0 }]);
  });
});
