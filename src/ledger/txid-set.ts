/**
 * A set of transaction ids that stays small when ids arrive roughly in sequence order per sender:
 * every sender keeps a low watermark (all sequence numbers below it are members) plus a bitmap of
 * the members above it. A replica remembers every committed transaction this way without a set
 * entry per transaction, the same idea as PBFT's per-client last-executed timestamp (Castro &
 * Liskov 1999, §4.1), generalised to clients with many requests outstanding. A sequence number that
 * never joins (a transaction dropped or abandoned) holds its sender's watermark back, and the
 * members above it then cost a bit each, where a hash set costs tens of bytes. Negative sequence
 * numbers (ids below zero) go to a plain set.
 */
import { IdsBySender } from './ids-by-sender.ts';
import { SeqBitmap } from './seq-bitmap.ts';

const WORD_BITS = 32;

class SenderRange {
  /** Every sequence number below `low` is a member. */
  low = 0;
  /** The members above `low`. */
  private readonly bits = new SeqBitmap();

  has(seq: number): boolean {
    return seq < this.low || this.bits.has(seq);
  }

  /** Adds `seq`; false when it was already a member. */
  add(seq: number): boolean {
    if (this.has(seq)) return false;
    if (seq === this.low) {
      this.low++;
      while (this.bits.has(this.low)) this.bits.clear(this.low++);
      this.compact();
      return true;
    }
    this.bits.set(seq);
    return true;
  }

  /** Removes `seq` if it is above the watermark; false otherwise. */
  deleteAbove(seq: number): boolean {
    if (seq < this.low || !this.bits.has(seq)) return false;
    this.bits.clear(seq);
    return true;
  }

  /** Drops the words wholly below the watermark once they are half the bitmap, so it spans only [low, highest member]. */
  private compact(): void {
    const dead = Math.floor((this.low - this.bits.base) / WORD_BITS);
    if (dead > 0 && dead * 2 >= this.bits.wordCount) this.bits.dropWords(dead);
  }
}

/** Removes one sequence number above a sender's watermark (one function, not a closure per call). */
const deleteSeqAbove = (r: SenderRange, seq: number): boolean => r.deleteAbove(seq);

export class TxIdSet extends IdsBySender<SenderRange> {
  protected newSender(): SenderRange {
    return new SenderRange();
  }

  /** Removes `id` if it is above its sender's watermark; members below it are permanent. */
  deleteAbove(id: number): boolean {
    return this.removeId(id, deleteSeqAbove);
  }
}
