import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TxIdSet } from './txid-set.ts';
import { txId } from './types.ts';

/** The watermark is the smallest sequence number not in the set: every one below it joined in order. */
function watermark(model: ReadonlySet<number>, sender: number): number {
  let seq = 0;
  while (model.has(txId(sender, seq))) seq++;
  return seq;
}

describe('TxIdSet', () => {
  it('answers as a plain set whose members below the watermark are permanent, across bitmap growth and compaction', () => {
    const op = fc.record({ del: fc.boolean(), sender: fc.integer({ min: 0, max: 2 }), seq: fc.integer({ min: 0, max: 300 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const set = new TxIdSet();
        const model = new Set<number>();
        for (const { del, sender, seq } of ops) {
          const id = txId(sender, seq);
          if (del) {
            const expected = model.has(id) && seq > watermark(model, sender);
            expect(set.deleteAbove(id)).toBe(expected);
            if (expected) model.delete(id);
          } else {
            expect(set.add(id)).toBe(!model.has(id));
            model.add(id);
          }
        }
        const ids = Array.from({ length: 3 * 321 }, (_, k) => txId(Math.floor(k / 321), k % 321));
        expect(ids.filter((id) => set.has(id))).toEqual(ids.filter((id) => model.has(id)));
        expect(set.size).toBe(model.size);
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it('keeps a long in-order run compact and still answers after the watermark passes thousands of words', () => {
    const set = new TxIdSet();
    for (let seq = 1; seq < 100_000; seq++) set.add(txId(1, seq));
    expect(set.has(txId(1, 0))).toBe(false);
    set.add(txId(1, 0));
    for (let seq = 0; seq < 100_000; seq += 997) expect(set.has(txId(1, seq))).toBe(true);
    expect(set.has(txId(1, 100_000))).toBe(false);
    expect(set.size).toBe(100_000);
  });

  it('holds negative ids (genesis transactions) as themselves', () => {
    const set = new TxIdSet();
    expect(set.has(-3)).toBe(false);
    expect(set.add(-3)).toBe(true);
    expect(set.add(-3)).toBe(false);
    expect(set.has(-4)).toBe(false);
    expect(set.deleteAbove(-3)).toBe(true);
    expect(set.size).toBe(0);
  });
});
