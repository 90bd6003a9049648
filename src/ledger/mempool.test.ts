import { describe, expect, it } from 'vitest';
import { Mempool, MempoolDrop } from './mempool.ts';
import { txId, txSeq, type Transaction } from './types.ts';

const tx = (seq: number, sizeBytes = 100): Transaction => ({ id: txId(1, seq), sender: 1, sizeBytes, payloadDigest: 'd', submittedUs: 0 });

describe('Mempool', () => {
  it('takes in FIFO order within the batch and byte limits', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order: 'fifo', lifetimeUs: Infinity });
    for (let i = 0; i < 5; i++) m.add(tx(i));
    expect(m.take(3, 10_000).map((t) => t.id)).toEqual([tx(0).id, tx(1).id, tx(2).id]);
    expect(m.take(10, 150).map((t) => t.id)).toEqual([tx(3).id]);
    expect(m.sizeTxs).toBe(1);
    expect(m.sizeBytes).toBe(100);
  });

  it('orders by priority, FIFO among equals', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order: 'priority', lifetimeUs: Infinity });
    m.add(tx(0), 1);
    m.add(tx(1), 5);
    m.add(tx(2), 1);
    m.add(tx(3), 5);
    expect(m.take(4, 10_000).map((t) => txSeq(t.id))).toEqual([1, 3, 0, 2]);
  });

  it('rejects duplicates and overflow, counting each reason', () => {
    const m = new Mempool({ capacityTxs: 2, capacityBytes: 250, order: 'fifo', lifetimeUs: Infinity });
    expect(m.add(tx(0))).toBe('added');
    expect(m.add(tx(0))).toBe('duplicate');
    expect(m.add(tx(1, 200))).toBe('fullBytes');
    expect(m.add(tx(2))).toBe('added');
    expect(m.add(tx(3))).toBe('fullTxs');
    expect(Array.from(m.dropped)).toEqual([1, 1, 1, 0]);
    expect(m.droppedTotal).toBe(3);
  });

  it('withdraws, instead of taking, what it is set to exclude, in either order, and welcomes a later copy', () => {
    for (const order of ['fifo', 'priority'] as const) {
      const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order, lifetimeUs: Infinity });
      for (let i = 0; i < 6; i++) m.add(tx(i), 6 - i);
      const seen: number[] = [];
      m.excluding = (t) => (seen.push(txSeq(t.id)), txSeq(t.id) % 2 === 1);
      expect(m.take(2, 10_000).map((t) => txSeq(t.id))).toEqual([0, 2]);
      expect(seen).toEqual([0, 1, 2]);
      expect(m.sizeTxs).toBe(3);
      expect(m.isKnown(tx(1).id)).toBe(false);
      m.excluding = null;
      expect(m.take(10, 10_000).map((t) => txSeq(t.id))).toEqual([3, 4, 5]);
      expect(m.add(tx(1))).toBe('added');
    }
  });

  it('admits a transaction that fills it to exactly its byte capacity, and refuses the next byte', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 250, order: 'fifo', lifetimeUs: Infinity });
    expect(m.add(tx(0, 150))).toBe('added');
    expect(m.add(tx(1, 100))).toBe('added');
    expect(m.add(tx(2, 1))).toBe('fullBytes');
    expect(m.sizeBytes).toBe(250);
  });

  it('treats proposed and committed transactions as duplicates until a proposal is abandoned', () => {
    const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order: 'fifo', lifetimeUs: Infinity });
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

  describe('with a lifetime', () => {
    /** A pool whose clock the test sets, recording what it reports expired. */
    function timedPool(order: 'fifo' | 'priority', lifetimeUs: number) {
      const clock = { now: 0, expired: [] as number[] };
      const m = new Mempool({ capacityTxs: 10, capacityBytes: 10_000, order, lifetimeUs }, { nowUs: () => clock.now, expired: (t) => clock.expired.push(txSeq(t.id)) });
      return { m, clock };
    }
    const submitted = (seq: number, atUs: number): Transaction => ({ ...tx(seq), submittedUs: atUs });

    it('drops, instead of proposing, what its client submitted a lifetime ago or more, reporting each, and takes the rest', () => {
      const { m, clock } = timedPool('fifo', 1_000);
      m.add(submitted(0, 0));
      clock.now = 500;
      m.add(submitted(1, 100));
      clock.now = 1_000;
      m.add(submitted(2, 900));
      expect(m.take(10, 10_000).map((t) => txSeq(t.id))).toEqual([1, 2]);
      expect(clock.expired).toEqual([0]);
      expect([m.dropped[MempoolDrop.expired], m.sizeTxs, m.sizeBytes]).toEqual([1, 0, 0]);
    });

    it('keeps a transaction one microsecond short of its lifetime', () => {
      const { m, clock } = timedPool('fifo', 1_000);
      m.add(submitted(0, 0));
      clock.now = 999;
      expect(m.take(10, 10_000).map((t) => txSeq(t.id))).toEqual([0]);
      expect(clock.expired).toEqual([]);
    });

    it('refuses a copy that arrives after its deadline, so a late relay cannot bring it back', () => {
      const { m, clock } = timedPool('fifo', 1_000);
      m.add(submitted(0, 0));
      clock.now = 2_000;
      expect(m.take(10, 10_000)).toEqual([]);
      expect(m.add(submitted(0, 0))).toBe('expired');
      expect(m.add(submitted(1, 1_500))).toBe('added');
      expect(clock.expired).toEqual([0, 0]);
      expect(m.take(10, 10_000).map((t) => txSeq(t.id))).toEqual([1]);
    });

    it('drops expired transactions in priority order too, as the proposer meets them', () => {
      const { m, clock } = timedPool('priority', 1_000);
      m.add(submitted(0, 0), 9);
      clock.now = 600;
      m.add(submitted(1, 600), 1);
      m.add(submitted(2, 600), 5);
      clock.now = 1_200;
      expect(m.take(10, 10_000).map((t) => txSeq(t.id))).toEqual([2, 1]);
      expect(clock.expired).toEqual([0]);
    });

    it('refuses a transaction past its lifetime as expired, not as full, when it is full too', () => {
      // mempool.expired_txs and mempool.dropped_full_txs split the refusals: a late copy would be
      // refused by any pool, full or not, so it is counted where it belongs whatever the pool holds.
      const { m, clock } = timedPool('fifo', 1_000);
      for (let i = 0; i < 10; i++) m.add(submitted(i, 500));
      clock.now = 1_000;
      expect(m.add(submitted(10, 0))).toBe('expired');
      expect(Array.from(m.dropped)).toEqual([0, 0, 0, 1]);
      expect(clock.expired).toEqual([10]);
    });

    it('refuses a late copy of a transaction it holds, proposed or committed as a duplicate, reporting none expired', () => {
      // A retransmission of a transaction already proposed or committed is no expiry: it did not
      // wait past its lifetime unproposed (mempool.expired_txs).
      const { m, clock } = timedPool('fifo', 1_000);
      m.add(submitted(0, 0));
      m.add(submitted(1, 0));
      m.add(submitted(2, 0));
      const [proposed, committed] = m.take(2, 10_000);
      m.markCommitted(committed!);
      clock.now = 5_000;
      expect([m.add(submitted(2, 0)), m.add(proposed!), m.add(committed!)]).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(clock.expired).toEqual([]);
      expect(Array.from(m.dropped)).toEqual([3, 0, 0, 0]);
    });

    it('reports to its clock only the transactions it drops as expired, not those it refuses as full or as duplicates', () => {
      const { m, clock } = timedPool('fifo', 1_000);
      for (let i = 0; i < 10; i++) m.add(submitted(i, 0));
      expect(m.add(submitted(10, 0))).toBe('fullTxs');
      expect(m.add(submitted(0, 0))).toBe('duplicate');
      expect(clock.expired).toEqual([]);
    });

    it('refuses a lifetime without a clock to read it from', () => {
      expect(() => new Mempool({ capacityTxs: 1, capacityBytes: 1, order: 'fifo', lifetimeUs: 5 })).toThrow('a mempool with a lifetime needs a clock');
    });
  });
});
