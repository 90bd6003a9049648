/**
 * Transaction ids kept per sender, in a structure for one sender's sequence numbers (txid-set.ts,
 * txid-bitmap.ts); ids below zero, which name no sender, in a plain set.
 */
import { txSender, txSeq } from './types.ts';

/** One sender's sequence numbers. */
export interface SenderSeqs {
  has(seq: number): boolean;
  /** Adds `seq`; false when it was already a member. */
  add(seq: number): boolean;
}

export abstract class IdsBySender<R extends SenderSeqs> {
  private readonly bySender = new Map<number, R>();
  private readonly negative = new Set<number>();
  private count = 0;

  /** A new, empty set for one sender. */
  protected abstract newSender(): R;

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    if (id < 0) return this.negative.has(id);
    const r = this.bySender.get(txSender(id));
    return r !== undefined && r.has(txSeq(id));
  }

  /** Adds `id`; returns false when it was already a member. */
  add(id: number): boolean {
    let added: boolean;
    if (id < 0) {
      added = !this.negative.has(id);
      this.negative.add(id);
    } else {
      const sender = txSender(id);
      let r = this.bySender.get(sender);
      if (r === undefined) {
        r = this.newSender();
        this.bySender.set(sender, r);
      }
      added = r.add(txSeq(id));
    }
    if (added) this.count++;
    return added;
  }

  /** Removes `id` where its sender's set lets `removeSeq` remove it; false otherwise. */
  protected removeId(id: number, removeSeq: (r: R, seq: number) => boolean): boolean {
    let removed: boolean;
    if (id < 0) removed = this.negative.delete(id);
    else {
      const r = this.bySender.get(txSender(id));
      removed = r !== undefined && removeSeq(r, txSeq(id));
    }
    if (removed) this.count--;
    return removed;
  }
}
