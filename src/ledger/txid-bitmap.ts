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

const WORD_BITS = 32;

class SenderBitmap {
  /** Bit k of word w: sequence number `base + 32w + k` is a member; `base` is a multiple of 32 and only moves up while members remain. */
  private base = 0;
  private words = new Uint32Array(2);
  /** Words [0, first) are all zero. */
  private first = 0;
  private inBitmap = 0;
  /** Members below `base`: transactions that came back after the bitmap moved past them (rare). */
  private below: Set<number> | null = null;

  has(seq: number): boolean {
    const bit = seq - this.base;
    if (bit < 0) return this.below !== null && this.below.has(seq);
    const w = bit >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (bit & 31))) !== 0;
  }

  /** Adds `seq`; false when it was already a member. */
  add(seq: number): boolean {
    if (this.inBitmap === 0 && (this.below === null || this.below.size === 0)) {
      // Empty: start the bitmap at the new member's word.
      this.words.fill(0);
      this.base = seq - (seq % WORD_BITS);
      this.first = 0;
    }
    const bit = seq - this.base;
    if (bit < 0) {
      this.below ??= new Set();
      if (this.below.has(seq)) return false;
      this.below.add(seq);
      return true;
    }
    const w = bit >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    const mask = 1 << (bit & 31);
    if ((this.words[w]! & mask) !== 0) return false;
    this.words[w]! |= mask;
    if (w < this.first) this.first = w;
    this.inBitmap++;
    return true;
  }

  /** Removes `seq`; false when it was not a member. */
  delete(seq: number): boolean {
    const bit = seq - this.base;
    if (bit < 0) return this.below !== null && this.below.delete(seq);
    if (!this.has(seq)) return false;
    this.words[bit >>> 5]! &= ~(1 << (bit & 31));
    this.inBitmap--;
    while (this.first < this.words.length && this.words[this.first] === 0) this.first++;
    this.compact();
    return true;
  }

  /** Drops the zero words below the first member once they are half the bitmap. */
  private compact(): void {
    const dead = this.first;
    if (dead === 0 || dead * 2 < this.words.length) return;
    this.words.copyWithin(0, dead);
    this.words.fill(0, this.words.length - dead);
    this.base += dead * WORD_BITS;
    this.first = 0;
  }

  private grow(wordsNeeded: number): void {
    const bigger = new Uint32Array(Math.max(wordsNeeded, this.words.length * 2));
    bigger.set(this.words);
    this.words = bigger;
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
