import { describe, expect, it } from 'vitest';
import { Mempool } from './mempool.ts';
import { txId, txSeq, type Transaction } from './types.ts';

const tx = (seq: number, sizeBytes = 100): Transaction => ({ id: txId(1, seq), sender: 1, sizeBytes, payloadDigest: 'd', submittedUs: 0 });

describe('Mempool', () => {
  it('takes in FIFO order within the batch and byte limits', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order: 'fifo' });
    for (let i = 0; i < 5; i++) m.add(tx(i));
    expect(m.take(3, 10_000).map((t) => t.id)).toEqual([tx(0).id, tx(1).id, tx(2).id]);
    expect(m.take(10, 150).map((t) => t.id)).toEqual([tx(3).id]);
    expect(m.sizeTxs).toBe(1);
    expect(m.sizeBytes).toBe(100);
  });

  it('orders by priority, FIFO among equals', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order: 'priority' });
    m.add(tx(0), 1);
    m.add(tx(1), 5);
    m.add(tx(2), 1);
    m.add(tx(3), 5);
    expect(m.take(4, 10_000).map((t) => txSeq(t.id))).toEqual([1, 3, 0, 2]);
  });

  it('rejects duplicates and overflow, counting each reason', () => {
    const m = new Mempool({ capacityTxs: 2, capacityBytes: 250, order: 'fifo' });
    expect(m.add(tx(0))).toBe('added');
    expect(m.add(tx(0))).toBe('duplicate');
    expect(m.add(tx(1, 200))).toBe('fullBytes');
    expect(m.add(tx(2))).toBe('added');
    expect(m.add(tx(3))).toBe('fullTxs');
    expect(Array.from(m.dropped)).toEqual([1, 1, 1]);
    expect(m.droppedTotal).toBe(3);
  });

  it('treats proposed and committed transactions as duplicates until a proposal is abandoned', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order: 'fifo' });
    m.add(tx(0));
    m.add(tx(1));
    const [a, b] = m.take(2, 10_000);
    expect(m.add(a!)).toBe('duplicate');
    m.markCommitted(a!);
    expect(m.add(a!)).toBe('duplicate');
    m.unpropose(b!.id);
    expect(m.add(b!)).toBe('added');
    m.markCommitted(b!);
    expect(m.sizeTxs).toBe(0);
    expect(m.take(5, 10_000)).toEqual([]);
  });
});
