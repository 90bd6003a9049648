import { describe, expect, it } from 'vitest';
import type { Block, Transaction } from '../ledger/types.ts';
import { executedBlockHolding } from './executed-lookup.ts';

const tx = (id: number, submittedUs: number): Transaction => ({ id, sender: 9, sizeBytes: 1, payloadDigest: '', submittedUs });
const block = (height: number, timestampUs: number, txs: Transaction[]): Block => ({ height, timestampUs, txs, hash: `b${height}` }) as unknown as Block;

describe('executed block holding a transaction', () => {
  const t5 = tx(5, 1_000);
  const chain = [block(1, 500, [tx(1, 400)]), block(2, 1_200, [t5]), block(3, 0, []), block(4, 2_000, [tx(6, 1_500)])];
  const at = (h: number) => chain[h - 1];

  it('finds the block below the top that holds it, walking past a null batch', () => {
    expect(executedBlockHolding(t5, 4, at)?.height).toBe(2);
  });

  it('stops at a block made before the transaction was submitted, and where blocks are no longer kept', () => {
    expect(executedBlockHolding(tx(1, 1_000), 4, at)).toBeUndefined();
    expect(executedBlockHolding(t5, 4, (h) => (h >= 3 ? at(h) : undefined))).toBeUndefined();
    expect(executedBlockHolding(tx(7, 1_900), 4, at)).toBeUndefined();
  });
});
