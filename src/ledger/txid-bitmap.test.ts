import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TxIdBitmap } from './txid-bitmap.ts';
import { txId } from './types.ts';

describe('TxIdBitmap', () => {
  it('answers has, add and delete as a set does, for ids joining and leaving in any order', () => {
    // Sequence numbers mostly rising per sender with returns far below, a few negative ids.
    const id = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 400 })).map(([s, q]) => txId(s, q)),
      fc.integer({ min: -5, max: -1 }),
    );
    const op = fc.tuple(fc.constantFrom('add', 'delete', 'has'), id);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const bitmap = new TxIdBitmap();
        const model = new Set<number>();
        for (const [kind, x] of ops) {
          if (kind === 'add') {
            expect(bitmap.add(x)).toBe(!model.has(x));
            model.add(x);
          } else if (kind === 'delete') {
            expect(bitmap.delete(x)).toBe(model.delete(x));
          } else {
            expect(bitmap.has(x)).toBe(model.has(x));
          }
          expect(bitmap.size).toBe(model.size);
        }
        for (const x of model) expect(bitmap.has(x)).toBe(true);
      }),
      { seed: 21 },
    );
  });

  it('stays exact over a steady stream of 100,000 ids of one sender, 500 waiting at a time', () => {
    // One id joins and the one 500 older leaves per step, as in a pool at steady state.
    const b = new TxIdBitmap();
    for (let seq = 0; seq < 100_000; seq++) {
      b.add(txId(7, seq));
      if (seq >= 500) expect(b.delete(txId(7, seq - 500))).toBe(true);
    }
    expect(b.size).toBe(500);
    expect(b.has(txId(7, 99_499))).toBe(false);
    expect(b.has(txId(7, 99_500))).toBe(true);
    expect(b.has(txId(7, 0))).toBe(false);
  });

  it('holds an id that comes back below the span it moved past, and lets it go again', () => {
    const b = new TxIdBitmap();
    for (let seq = 0; seq < 1000; seq++) b.add(txId(2, seq));
    for (let seq = 0; seq < 900; seq++) b.delete(txId(2, seq));
    // Refused by a full pool earlier, or its block abandoned: seq 5 joins again.
    expect(b.add(txId(2, 5))).toBe(true);
    expect(b.add(txId(2, 5))).toBe(false);
    expect([b.has(txId(2, 5)), b.has(txId(2, 6)), b.has(txId(2, 950)), b.size]).toEqual([true, false, true, 101]);
    expect(b.delete(txId(2, 5))).toBe(true);
    expect([b.has(txId(2, 5)), b.size]).toEqual([false, 100]);
  });

  it('keeps an id that rejoins below the first member through later compactions', () => {
    const b = new TxIdBitmap();
    for (let seq = 0; seq < 256; seq++) b.add(txId(3, seq));
    for (let seq = 0; seq < 32; seq++) b.delete(txId(3, seq));
    b.add(txId(3, 5));
    for (let seq = 32; seq < 128; seq++) b.delete(txId(3, seq));
    expect([b.has(txId(3, 5)), b.has(txId(3, 128)), b.has(txId(3, 127)), b.size]).toEqual([true, true, false, 129]);
  });
});

