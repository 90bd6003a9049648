/**
 * attack.selfish_mining.ties and .effective_gamma as the pool's node counts them, driven by hand: the
 * pool mines and is handed honest blocks as its relay would.
 */
import { describe, expect, it } from 'vitest';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { mineBlock, powGenesis } from '../../protocols/pow/block.ts';
import { powNetworkParams, powParamsSchema } from '../../protocols/pow/params.ts';
import type { PowBlock } from '../../protocols/pow/types.ts';
import { SelfishMinerNode } from './selfish-node.ts';

const MINE_TIMER = 1;
const POOL = 0;
const HONEST = 1;

/** A pool that has mined one withheld block on genesis and then, racing an honest block at its height, published it: a tie. */
function poolInATie(): { pool: SelfishMinerNode; poolBlock: PowBlock; rival: PowBlock } {
  const ctx = new ScriptedContext(POOL);
  const genesis = powGenesis();
  const params = powNetworkParams(powParamsSchema.parse({}));
  const pool = new SelfishMinerNode(ctx, { params, hashShare: 0.3, candidates: [], genesis }, 8, { startUs: 0, endUs: Infinity, relayRivalBlocks: true });
  pool.onTimer(MINE_TIMER);
  const poolBlock = pool.minedBlocks[0]!;
  const rival = mineBlock(genesis, HONEST, 1_000, poolBlock.difficulty, params.blockSizeBytes, params.txSizeBytes, 1);
  pool.deliver(rival, HONEST);
  expect(pool.publicChain.has(poolBlock.hash)).toBe(true);
  return { pool, poolBlock, rival };
}

/** `length` honest blocks on `parent`. */
function honestBranch(parent: PowBlock, length: number): PowBlock[] {
  const out: PowBlock[] = [];
  for (let i = 0; i < length; i++) out.push(mineBlock(out[i - 1] ?? parent, HONEST, 2_000 + i, parent.difficulty, 1_000, 250, 100 + i));
  return out;
}

describe('the selfish pool counting the ties honest blocks settle', () => {
  it('counts a tie settled on its block, and one settled on the rival', () => {
    const onPool = poolInATie();
    onPool.pool.deliver(honestBranch(onPool.poolBlock, 1)[0]!, HONEST);
    const onRival = poolInATie();
    onRival.pool.deliver(honestBranch(onRival.rival, 1)[0]!, HONEST);
    expect([onPool.pool.tiesWonByHonestOnPool, onPool.pool.tiesLostToHonest, onRival.pool.tiesWonByHonestOnPool, onRival.pool.tiesLostToHonest]).toEqual([1, 0, 0, 1]);
  });

  it('judges a tie by the block one above it when the public chain grows by two at once (an orphan whose parent arrives)', () => {
    const { pool, poolBlock } = poolInATie();
    const [settling, above] = honestBranch(poolBlock, 2);
    pool.deliver(above!, HONEST); // an orphan: its parent is not known yet
    pool.deliver(settling!, HONEST); // connects both: the head rises two heights in one delivery
    expect(pool.publicHead).toBe(above);
    expect([pool.tiesWonByHonestOnPool, pool.tiesLostToHonest, pool.effectiveGamma]).toEqual([1, 0, 1]);
  });
});
