/** O from V (Castro & Liskov 1999, §4.4), on hand-built view-change messages. */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Signature } from '../../ledger/crypto.ts';
import type { PreparedProof, ViewChange } from './messages.ts';
import { computeNewViewOrder } from './view-change.ts';

const sig = {} as Signature;
const block = (seq: number, tag: number) => buildBlock({ parentHash: ZERO_HASH, height: seq, proposer: tag, timestampUs: tag, txs: [] });
const proof = (seq: number, view: number, tag: number): PreparedProof => {
  const b = block(seq, tag);
  return { prePrepare: { kind: 'pbft-pre-prepare', view, seq, digest: b.hash, block: b, replica: view % 4, sig }, prepares: [] };
};
const vc = (replica: number, stableSeq: number, prepared: PreparedProof[]): ViewChange =>
  ({ kind: 'pbft-view-change', newView: 3, stableSeq, checkpointProof: [], prepared, replica, sig });

describe('computeNewViewOrder', () => {
  it('starts after the latest stable checkpoint and ends at the highest prepared number', () => {
    const { minS, maxS, order } = computeNewViewOrder([vc(0, 10, [proof(12, 1, 1)]), vc(1, 20, [proof(23, 2, 2)]), vc(2, 10, [])], 7);
    expect([minS, maxS]).toEqual([20, 23]);
    expect(order.map((o) => o.seq)).toEqual([21, 22, 23]);
  });

  it('takes the batch prepared in the highest view, and a null batch where nothing was prepared', () => {
    const old = proof(5, 1, 100);
    const newer = proof(5, 2, 200);
    const { order } = computeNewViewOrder([vc(0, 0, [old]), vc(1, 0, [newer, proof(7, 2, 300)]), vc(2, 0, [])], 7);
    expect(order.map((o) => o.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(order[4]!.digest).toBe(newer.prePrepare.digest);
    for (const k of [0, 1, 2, 3, 5]) expect(order[k]!.block.txs).toEqual([]);
    // Every replica recomputes the same null batches from V.
    expect(computeNewViewOrder([vc(0, 0, [old]), vc(1, 0, [newer, proof(7, 2, 300)]), vc(2, 0, [])], 7).order[0]!.digest).toBe(order[0]!.digest);
  });
});
