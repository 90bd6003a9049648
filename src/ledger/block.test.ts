import { describe, expect, it } from 'vitest';
import { buildBlock, verifyBlock } from './block.ts';
import { ZERO_HASH } from './hash.ts';
import { txId, type Block, type Transaction } from './types.ts';

const tx = (seq: number): Transaction => ({ id: txId(2, seq), sender: 2, sizeBytes: 200, payloadDigest: `p${seq}`, submittedUs: seq });

describe('blocks', () => {
  it('builds a frozen block whose hash and Merkle root verify', () => {
    const b = buildBlock({ parentHash: ZERO_HASH, height: 1, proposer: 0, timestampUs: 5, txs: [tx(0), tx(1)] });
    expect(Object.isFrozen(b)).toBe(true);
    expect(b.sizeBytes).toBe(96 + 400);
    expect(verifyBlock(b)).toBe(true);
  });

  it('detects a copy with a changed transaction or header', () => {
    const b = buildBlock({ parentHash: ZERO_HASH, height: 1, proposer: 0, timestampUs: 5, txs: [tx(0), tx(1)] });
    const changedTx: Block = { ...b, txs: [tx(0), { ...tx(1), payloadDigest: 'evil' }] };
    const changedHeight: Block = { ...b, height: 2 };
    expect(verifyBlock(changedTx)).toBe(false);
    expect(verifyBlock(changedHeight)).toBe(false);
  });
});
