/**
 * A set of transaction ids that stays small when ids arrive roughly in sequence order per sender:
 * every sender keeps a low watermark (all sequence numbers below it are members) plus the members
 * above it. A replica remembers every committed transaction this way without a set entry per
 * transaction, the same idea as PBFT's per-client last-executed timestamp (Castro & Liskov 1999,
 * §4.1), generalised to clients with many requests outstanding.
 */
import { txSender, txSeq } from './types.ts';

interface SenderRange {
  low: number;
  readonly above: Set<number>;
}

export class TxIdSet {
  private readonly bySender = new Map<number, SenderRange>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    const r = this.bySender.get(txSender(id));
    if (r === undefined) return false;
    const seq = txSeq(id);
    return seq < r.low || r.above.has(seq);
  }

  /** Adds `id`; returns false when it was already a member. */
  add(id: number): boolean {
    const sender = txSender(id);
    let r = this.bySender.get(sender);
    if (r === undefined) {
      r = { low: 0, above: new Set() };
      this.bySender.set(sender, r);
    }
    const seq = txSeq(id);
    if (seq < r.low || r.above.has(seq)) return false;
    this.count++;
    if (seq === r.low) {
      r.low++;
      while (r.above.delete(r.low)) r.low++;
    } else {
      r.above.add(seq);
    }
    return true;
  }

  /** Removes `id` if it is above the watermark; members below it are permanent. */
  deleteAbove(id: number): boolean {
    const r = this.bySender.get(txSender(id));
    if (r === undefined || !r.above.delete(txSeq(id))) return false;
    this.count--;
    return true;
  }
}
