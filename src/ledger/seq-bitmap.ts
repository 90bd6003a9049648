/**
 * One sender's sequence numbers from `base` on, a bit each, in 32-bit words: the storage that
 * TxIdSet (members below a watermark implied) and TxIdBitmap (members coming and going) keep per
 * sender. The owner decides when the words below its members are dropped.
 */
const WORD_BITS = 32;

export class SeqBitmap {
  /** Bit k of word w is sequence number `base + 32w + k`; a multiple of 32. */
  base = 0;
  private words = new Uint32Array(2);

  get wordCount(): number {
    return this.words.length;
  }

  word(w: number): number {
    return this.words[w]!;
  }

  has(seq: number): boolean {
    const bit = seq - this.base;
    // A sequence number below `base` has a negative offset, which `>>> 5` turns into a word far
    // beyond the last: not a member.
    const w = bit >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (bit & 31))) !== 0;
  }

  /** Sets `seq`'s bit (`seq` ≥ base), growing the words as needed; returns its word. */
  set(seq: number): number {
    const bit = seq - this.base;
    const w = bit >>> 5;
    if (w >= this.words.length) {
      const bigger = new Uint32Array(Math.max(w + 1, this.words.length * 2));
      bigger.set(this.words);
      this.words = bigger;
    }
    this.words[w]! |= 1 << (bit & 31);
    return w;
  }

  clear(seq: number): void {
    const bit = seq - this.base;
    this.words[bit >>> 5]! &= ~(1 << (bit & 31));
  }

  /** Drops the first `dead` words (all zero), moving `base` up past them. */
  dropWords(dead: number): void {
    this.words.copyWithin(0, dead);
    this.words.fill(0, this.words.length - dead);
    this.base += dead * WORD_BITS;
  }

  /** Empties the bitmap and starts it at `seq`'s word. */
  restartAt(seq: number): void {
    this.words.fill(0);
    this.base = seq - (seq % WORD_BITS);
  }
}
