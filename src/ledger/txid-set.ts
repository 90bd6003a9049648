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

const WORD_BITS = 32;

class SenderRange {
  /** Every sequence number below `low` is a member. */
  low = 0;
  /** Bit k of word w: sequence number `base + 32w + k` is a member (only sequence numbers ≥ low are set). */
  private base = 0;
  private words = new Uint32Array(2);

  has(seq: number): boolean {
    if (seq < this.low) return true;
    const bit = seq - this.base;
    const w = bit >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (bit & 31))) !== 0;
  }

  /** Adds `seq`; false when it was already a member. */
  add(seq: number): boolean {
    if (this.has(seq)) return false;
    if (seq === this.low) {
      this.low++;
      while (this.hasAbove(this.low)) this.clear(this.low++);
      this.compact();
      return true;
    }
    const bit = seq - this.base;
    const w = bit >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    this.words[w]! |= 1 << (bit & 31);
    return true;
  }

  /** Removes `seq` if it is above the watermark; false otherwise. */
  deleteAbove(seq: number): boolean {
    if (seq < this.low || !this.hasAbove(seq)) return false;
    this.clear(seq);
    return true;
  }

  private hasAbove(seq: number): boolean {
    const bit = seq - this.base;
    const w = bit >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (bit & 31))) !== 0;
  }

  private clear(seq: number): void {
    const bit = seq - this.base;
    this.words[bit >>> 5]! &= ~(1 << (bit & 31));
  }

  /** Drops the words wholly below the watermark once they are half the bitmap, so it spans only [low, highest member]. */
  private compact(): void {
    const dead = Math.floor((this.low - this.base) / WORD_BITS);
    if (dead === 0 || dead * 2 < this.words.length) return;
    this.words.copyWithin(0, dead);
    this.words.fill(0, this.words.length - dead);
    this.base += dead * WORD_BITS;
  }

  private grow(wordsNeeded: number): void {
    const bigger = new Uint32Array(Math.max(wordsNeeded, this.words.length * 2));
    bigger.set(this.words);
    this.words = bigger;
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
