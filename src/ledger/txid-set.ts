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
import { txSender, txSeq } from './types.ts';

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

export class TxIdSet {
  private readonly bySender = new Map<number, SenderRange>();
  private readonly negative = new Set<number>();
  private count = 0;

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
        r = new SenderRange();
        this.bySender.set(sender, r);
      }
      added = r.add(txSeq(id));
    }
    if (added) this.count++;
    return added;
  }

  /** Removes `id` if it is above its sender's watermark; members below it are permanent. */
  deleteAbove(id: number): boolean {
    const deleted = id < 0 ? this.negative.delete(id) : this.bySender.get(txSender(id))?.deleteAbove(txSeq(id)) === true;
    if (deleted) this.count--;
    return deleted;
  }
}
