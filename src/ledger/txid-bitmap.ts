/**
 * A set of transaction ids with deletion, for ids that come and go roughly in sequence order per
 * sender: a mempool's waiting transactions, which join in the order their sender submitted them
 * and leave, mostly in that order, when a block takes them. Each sender keeps a bitmap over the
 * sequence numbers from its oldest member on, so a lookup is two array reads where a hash set of a
 * hundred thousand waiting ids misses the cache on most of them; words wholly below the oldest
 * member are dropped as it moves on. A member below its sender's bitmap (a transaction that comes
 * back after the bitmap moved past it: refused by a full pool, or its block abandoned by a view
 * change) goes to a small set beside it. Negative sequence numbers (ids below zero) go to a plain
 * set.
 */
import { IdsBySender } from './ids-by-sender.ts';
import { SeqBitmap } from './seq-bitmap.ts';

class SenderBitmap {
  /** The members from `bits.base` on; `base` only moves up while members remain. */
  private readonly bits = new SeqBitmap();
  /** Words [0, first) are all zero. */
  private first = 0;
  private inBitmap = 0;
  /** Members below `bits.base`: transactions that came back after the bitmap moved past them (rare). */
  private below: Set<number> | null = null;

  has(seq: number): boolean {
    return seq < this.bits.base ? this.below !== null && this.below.has(seq) : this.bits.has(seq);
  }

  /** Adds `seq`; false when it was already a member. */
  add(seq: number): boolean {
    if (this.inBitmap === 0 && (this.below === null || this.below.size === 0)) {
      // Empty: start the bitmap at the new member's word.
      this.bits.restartAt(seq);
      this.first = 0;
    }
    if (seq < this.bits.base) {
      this.below ??= new Set();
      if (this.below.has(seq)) return false;
      this.below.add(seq);
      return true;
    }
    if (this.bits.has(seq)) return false;
    const w = this.bits.set(seq);
    if (w < this.first) this.first = w;
    this.inBitmap++;
    return true;
  }

  /** Removes `seq`; false when it was not a member. */
  delete(seq: number): boolean {
    if (seq < this.bits.base) return this.below !== null && this.below.delete(seq);
    if (!this.bits.has(seq)) return false;
    this.bits.clear(seq);
    this.inBitmap--;
    while (this.first < this.bits.wordCount && this.bits.word(this.first) === 0) this.first++;
    // Drop the zero words below the first member once they are half the bitmap.
    if (this.first > 0 && this.first * 2 >= this.bits.wordCount) {
      this.bits.dropWords(this.first);
      this.first = 0;
    }
    return true;
  }
}

/** Removes one sequence number from a sender's bitmap (one function, not a closure per call). */
const deleteSeq = (b: SenderBitmap, seq: number): boolean => b.delete(seq);

export class TxIdBitmap extends IdsBySender<SenderBitmap> {
  protected newSender(): SenderBitmap {
    return new SenderBitmap();
  }

  /** Removes `id`; false when it was not a member. */
  delete(id: number): boolean {
    return this.removeId(id, deleteSeq);
  }
}
