import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TransactionTable } from './transaction-table.ts';
import { txId, type Transaction } from './types.ts';

function tx(id: number): Transaction {
  return { id, sender: 0, sizeBytes: 1, payloadDigest: String(id), submittedUs: 0 };
}

describe('TransactionTable', () => {
  it('answers as a map by id, for senders numbering in order, skipping, repeating, or below zero', () => {
    // A step adds a sender's next number, an arbitrary number, or a negative id, or deletes one.
    const step = fc.oneof(
      fc.record({ op: fc.constant('next' as const), sender: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ op: fc.constant('any' as const), sender: fc.integer({ min: 0, max: 2 }), seq: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ op: fc.constant('negative' as const), id: fc.integer({ min: -200, max: -1 }) }),
      fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
        const table = new TransactionTable();
        const model = new Map<number, Transaction>();
        const next = [0, 0, 0];
        const ids: number[] = [];
        for (const s of steps) {
          let id: number | undefined;
          if (s.op === 'next') id = txId(s.sender, next[s.sender]!++);
          else if (s.op === 'any') id = txId(s.sender, s.seq);
          else if (s.op === 'negative') id = s.id;
          if (id !== undefined) {
            const t = tx(id);
            table.set(t);
            model.set(id, t);
            ids.push(id);
          } else if (ids.length > 0 && s.op === 'delete') {
            const victim = ids[s.pick % ids.length]!;
            table.delete(victim);
            model.delete(victim);
          }
          expect(table.size).toBe(model.size);
        }
        for (const id of ids) expect(table.get(id)).toBe(model.get(id));
      }),
    );
  });

  it('costs what it holds when one old transaction stays while the rest come and go', () => {
    const table = new TransactionTable();
    table.set(tx(txId(1, 0)));
    for (let seq = 1; seq < 100_000; seq++) {
      table.set(tx(txId(1, seq)));
      table.delete(txId(1, seq));
    }
    expect(table.size).toBe(1);
    expect(table.get(txId(1, 0))?.id).toBe(txId(1, 0));
    expect(table.slotsInUse).toBeLessThan(5_000);
  });
});
