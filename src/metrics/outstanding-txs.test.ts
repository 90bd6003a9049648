import { describe, expect, it } from 'vitest';
import type { Block, Transaction } from '../ledger/types.ts';
import type { CommitEvent, SubmitEvent } from '../protocols/types.ts';
import { OutstandingTxSampler } from './outstanding-txs.ts';

const tx = (id: number): Transaction => ({ id, sender: 0, sizeBytes: 1, payloadDigest: '', submittedUs: 0 });
const submit = (id: number): SubmitEvent => ({ kind: 'submit', tx: tx(id) });
const commit = (...ids: number[]): CommitEvent => ({ kind: 'commit', block: { txs: ids.map(tx) } as unknown as Block });

describe('OutstandingTxSampler', () => {
  it('averages the outstanding count over the mid-interval instants, never reading a latency', () => {
    // Instants at 0.5, 1.5, 2.5, 3.5 s. Two submitted at 0; one committed at 1 s, the other at 3 s.
    const s = new OutstandingTxSampler(0, 4_000_000, 1_000_000);
    s.observe(0, submit(1), 0);
    s.observe(0, submit(2), 0);
    s.observe(1, commit(1), 1_000_000);
    s.observe(2, commit(2), 3_000_000);
    // Counts seen: 2, 1, 1, 0.
    expect(s.meanOutstanding()).toBe(1);
    expect(s.samples).toBe(4);
  });

  it('counts a transaction once however many replicas commit it', () => {
    const s = new OutstandingTxSampler(0, 2_000_000, 1_000_000);
    s.observe(0, submit(7), 0);
    s.observe(1, commit(7), 100_000);
    s.observe(2, commit(7), 200_000);
    expect(s.meanOutstanding()).toBe(0);
  });

  it('includes transactions submitted before the first instant, and samples nothing after the end', () => {
    const s = new OutstandingTxSampler(10_000_000, 12_000_000, 1_000_000);
    s.observe(0, submit(1), 0);
    s.observe(0, submit(2), 20_000_000);
    expect(s.meanOutstanding()).toBe(1);
    expect(s.samples).toBe(2);
  });
});
