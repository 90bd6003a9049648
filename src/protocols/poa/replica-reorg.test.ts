/**
 * What a Clique signer reports when its head moves to another branch, from which poa.reorgs,
 * poa.max_reorg_depth and poa.finality_violations are summed (collector.ts): the blocks it removed
 * from its chain, and of those the ones it had committed (`confirmations` blocks on top).
 */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Block } from '../../ledger/types.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { NO_APPLICATION, type ReplicaConfig } from '../types.ts';
import type { PoaReorgEvent } from './events.ts';
import { poa } from './index.ts';
import type { PoaParams } from './params.ts';
import { PoaReplica } from './replica.ts';

const PERIOD_US = 1_000_000;

/** Signer 0 of seven (host i is signer i; height h is signer h mod 7's turn), committing a block once one is on top. */
function signer(): { r: PoaReplica; ctx: ScriptedContext } {
  const ctx = new ScriptedContext(0);
  const config: ReplicaConfig<PoaParams> = {
    replicaHosts: [0, 1, 2, 3, 4, 5, 6],
    index: 0,
    batchSize: 10,
    batchTimeoutUs: 1,
    blockSizeMaxBytes: 1 << 20,
    crypto: ZERO_CRYPTO_COSTS,
    ...defaultReplicaSettings(poa, { period: PERIOD_US, wiggle: 500_000, confirmations: 1 }),
  };
  const r = new PoaReplica(ctx, config, NO_APPLICATION);
  r.onStart();
  return { r, ctx };
}

/** Blocks on `parent` (at `parentHeight`) sealed by `proposers` in order, a period apart. */
function branch(parentHash: string, parentHeight: number, proposers: readonly number[]): Block[] {
  const out: Block[] = [];
  for (const proposer of proposers) {
    const height = parentHeight + out.length + 1;
    out.push(buildBlock({ parentHash: out.at(-1)?.hash ?? parentHash, height, proposer, timestampUs: height * PERIOD_US, txs: [] }));
  }
  return out;
}

function deliver(s: { r: PoaReplica; ctx: ScriptedContext }, blocks: readonly Block[]): void {
  for (const b of blocks) {
    s.ctx.nowUs = Math.max(s.ctx.nowUs, b.timestampUs);
    s.r.onMessage(b.proposer, { kind: 'poa-block', block: b, seal: undefined });
  }
}

const reorgs = (ctx: ScriptedContext) => ctx.emitted.filter((e): e is PoaReorgEvent => e.kind === 'poa-reorg');

describe('a Clique signer reorganising', () => {
  // Out of turn at heights 1, 2, 3 (difficulty 1 each): total difficulty 3, heights 1 and 2 committed.
  const outOfTurn = [2, 4, 5];

  it('reports the switch to a heavier branch once, with the blocks it removed and, of those, the ones it had committed', () => {
    const s = signer();
    const a = branch(ZERO_HASH, 0, outOfTurn);
    deliver(s, a);
    expect(s.r.committedHeight).toBe(2);
    // In turn at heights 1 and 2: total difficulty 2 (lighter, kept off), then 4: a1..a3 leave.
    const b = branch(ZERO_HASH, 0, [1, 2]);
    deliver(s, b);
    expect(reorgs(s.ctx)).toEqual([{ kind: 'poa-reorg', depth: 3, committedRemoved: 2 }]);
    expect(s.r.chain.head.hash).toBe(b[1]!.hash);
  });

  it('reports a switch above its committed height as removing no committed block', () => {
    const s = signer();
    const a = branch(ZERO_HASH, 0, outOfTurn);
    deliver(s, a);
    // Signer 3 in turn at height 3 on a2: total difficulty 4 against 3; only a3, not committed, leaves.
    deliver(s, branch(a[1]!.hash, 2, [3]));
    expect(reorgs(s.ctx)).toEqual([{ kind: 'poa-reorg', depth: 1, committedRemoved: 0 }]);
  });
});
