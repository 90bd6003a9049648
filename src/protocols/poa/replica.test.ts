/** One Clique signer driven by a scripted context: the block validation rules of EIP-225. */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { defaultReplicaSettings } from '../definition.ts';
import { NO_APPLICATION, type ReplicaConfig } from '../types.ts';
import { poa } from './index.ts';
import type { PoaBlockMessage } from './messages.ts';
import type { PoaParams } from './params.ts';
import { PoaReplica } from './replica.ts';

const PERIOD_US = 1_000_000;

function signer(index: number): { r: PoaReplica; ctx: ScriptedContext } {
  const ctx = new ScriptedContext(index);
  const config: ReplicaConfig<PoaParams> = {
    replicaHosts: [0, 1, 2, 3, 4, 5, 6],
    index,
    batchSize: 10,
    batchTimeoutUs: 1,
    blockSizeMaxBytes: 1 << 20,
    crypto: ZERO_CRYPTO_COSTS,
    ...defaultReplicaSettings(poa, { period: PERIOD_US, wiggle: 500_000 }),
  };
  const r = new PoaReplica(ctx, config, NO_APPLICATION);
  r.onStart();
  return { r, ctx };
}

const block = (parentHash: string, height: number, proposer: number, timestampUs: number) =>
  buildBlock({ parentHash, height, proposer, timestampUs, txs: [] });
const msg = (b: ReturnType<typeof block>): PoaBlockMessage => ({ kind: 'poa-block', block: b, seal: undefined });
/** Hand `r` a block from `from` once the signer's clock has reached its timestamp, as a sealed block arrives. */
function deliver(s: { r: PoaReplica; ctx: ScriptedContext }, from: number, b: ReturnType<typeof block>): void {
  s.ctx.nowUs = Math.max(s.ctx.nowUs, b.timestampUs);
  s.r.onMessage(from, msg(b));
}

describe('Clique block validation (EIP-225)', () => {
  it('accepts a block from an authorised signer a period after its parent', () => {
    const s = signer(0);
    deliver(s, 1, block(ZERO_HASH, 1, 1, PERIOD_US));
    expect(s.r.chain.headHeight).toBe(1);
  });

  it('rejects a block sealed less than a period after its parent', () => {
    const s = signer(0);
    const b1 = block(ZERO_HASH, 1, 1, PERIOD_US);
    deliver(s, 1, b1);
    deliver(s, 2, block(b1.hash, 2, 2, PERIOD_US + PERIOD_US / 2));
    expect(s.r.chain.headHeight).toBe(1);
  });

  it('rejects a block whose signer signed one of the last ⌊N/2⌋ blocks', () => {
    const s = signer(0);
    const b1 = block(ZERO_HASH, 1, 1, PERIOD_US);
    const b2 = block(b1.hash, 2, 2, 2 * PERIOD_US);
    deliver(s, 1, b1);
    deliver(s, 2, b2);
    deliver(s, 1, block(b2.hash, 3, 1, 3 * PERIOD_US));
    expect(s.r.chain.headHeight).toBe(2);
    deliver(s, 3, block(b2.hash, 3, 3, 3 * PERIOD_US));
    expect(s.r.chain.headHeight).toBe(3);
  });

  it('rejects a block stamped more than blockTimePrecision ahead of its clock, as geth refuses a future block', () => {
    const s = signer(0);
    s.ctx.nowUs = PERIOD_US;
    s.r.onMessage(1, msg(block(ZERO_HASH, 1, 1, PERIOD_US + s.r.params.blockTimePrecision + 1)));
    expect(s.r.chain.headHeight).toBe(0);
    s.r.onMessage(1, msg(block(ZERO_HASH, 1, 1, PERIOD_US + s.r.params.blockTimePrecision)));
    expect(s.r.chain.headHeight).toBe(1);
  });

  it('rejects a block from a host that is not a signer', () => {
    const { r } = signer(0);
    r.onMessage(9, msg(block(ZERO_HASH, 1, 9, PERIOD_US)));
    expect(r.chain.headHeight).toBe(0);
  });

  it('prefers the heavier chain: an in-turn block (2) displaces an out-of-turn one (1) at the same height', () => {
    const s = signer(0);
    deliver(s, 3, block(ZERO_HASH, 1, 3, PERIOD_US));
    expect(s.r.chain.head.proposer).toBe(3);
    deliver(s, 1, block(ZERO_HASH, 1, 1, PERIOD_US));
    expect(s.r.chain.head.proposer).toBe(1);
    expect(s.r.chain.headWeight).toBe(2);
  });

  it('does not seal when it signed within the window; schedules again on a new head', () => {
    const s = signer(1);
    const b1 = block(ZERO_HASH, 1, 1, PERIOD_US);
    const timersBefore = s.ctx.timers.filter((t) => !t.cancelled).length;
    deliver(s, 1, b1);
    // Signer 1 signed block 1: no sealing timer for block 2.
    expect(s.ctx.timers.filter((t) => !t.cancelled).length).toBe(timersBefore - 1);
  });
});
