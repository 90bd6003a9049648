/**
 * The stamp a PBFT batch must not precede (block-time.ts): the latest stamped batch before it,
 * stepping over the null batches a view change orders (§4.4), which carry no time.
 */
import { describe, expect, it } from 'vitest';
import { buildBlock } from '../../ledger/block.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import { isNullBlock, nullBlock, stampFloorUs } from './view-change.ts';

const S = 1_000_000;
const tx = (id: number): Transaction => ({ id, sender: 9, sizeBytes: 100, payloadDigest: 'ab', submittedUs: 0 });
const stamped = (seq: number, timestampUs: number): Block => buildBlock({ parentHash: ZERO_HASH, height: seq, proposer: 0, timestampUs, txs: [tx(seq)] });
const held = (blocks: Block[]) => (seq: number): Block | undefined => blocks.find((b) => b.height === seq);

describe('stampFloorUs', () => {
  it('is the stamp of the batch just before', () => {
    expect(stampFloorUs(3, held([stamped(1, 4 * S), stamped(2, 5 * S)]))).toBe(5 * S);
  });

  it('steps over null batches to the latest stamped one, so a view change does not reset the floor to 0', () => {
    expect(stampFloorUs(4, held([stamped(1, 5 * S), nullBlock(2, 1), nullBlock(3, 1)]))).toBe(5 * S);
  });

  it('sets no floor where the replica does not hold the batch before, or only null batches precede', () => {
    expect(stampFloorUs(3, held([stamped(1, 5 * S)]))).toBeUndefined();
    expect(stampFloorUs(3, held([nullBlock(1, 1), nullBlock(2, 1)]))).toBeUndefined();
    expect(stampFloorUs(1, held([]))).toBeUndefined();
  });

  it("falls back on the latest stamped batch executed where a checkpoint discarded the batches before, but only on one before seq", () => {
    const executed = { seq: 5, timestampUs: 7 * S };
    // stateTransferWindow 0: nothing at or below the stable checkpoint (5) is held.
    expect(stampFloorUs(6, held([]), executed)).toBe(7 * S);
    expect(stampFloorUs(7, held([nullBlock(6, 1)]), executed)).toBe(7 * S);
    // A batch still held is nearer than the executed one.
    expect(stampFloorUs(7, held([stamped(6, 8 * S)]), executed)).toBe(8 * S);
    // A replica that executed past seq (a late pre-prepare) knows no floor for it from that.
    expect(stampFloorUs(4, held([]), executed)).toBeUndefined();
  });

  it('tells a null batch from a proposed one, even one stamped at time 0', () => {
    expect(isNullBlock(nullBlock(2, 1))).toBe(true);
    expect(isNullBlock(stamped(2, 0))).toBe(false);
  });
});
