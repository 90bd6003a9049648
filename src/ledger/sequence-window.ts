/**
 * Values keyed by sequence numbers that arrive in order (0, 1, 2, ... or from another first
 * number) and leave in any order: a client's unfinished requests, a checker's submitted
 * transactions of one sender, a PBFT replica's executed batches by height. A ring buffer
 * spanning the oldest value held to the newest costs one array slot per number in that span, where
 * a hash map costs an entry of tens of bytes per value: an overloaded open-loop client holds a
 * whole deadline of requests (two million at 200,000 tx/s and a 10 s deadline). Requests finish
 * roughly in submission order (confirmations follow the ledger's order, abandonments the
 * deadline's), so the span stays close to the number held.
 */
export class SequenceWindow<T> {
  private slots: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  /** Every sequence number below `low` has finished. */
  private low: number;
  /** The next sequence number to be added. */
  private high: number;
  /** Values held. */
  size = 0;

  /** `first`: the sequence number the first `push` takes. */
  constructor(first = 0) {
    this.low = first;
    this.high = first;
  }

  /** The sequence number `push` takes next. */
  get nextSeq(): number {
    return this.high;
  }

  /** The oldest sequence number held (meaningful while size > 0). */
  get oldestSeq(): number {
    return this.low;
  }

  /** Sequence numbers from the oldest held to the newest pushed: the slots in use. */
  get span(): number {
    return this.high - this.low;
  }

  /** Add the value of the next sequence number; numbers must come in order, none skipped. */
  push(seq: number, value: T): void {
    if (seq !== this.high) throw new RangeError(`sequence window: expected sequence number ${this.high}, found ${seq}`);
    if (this.high - this.low === this.slots.length) this.grow();
    this.slots[seq & (this.slots.length - 1)] = value;
    this.high++;
    this.size++;
  }

  get(seq: number): T | undefined {
    return seq >= this.low && seq < this.high ? this.slots[seq & (this.slots.length - 1)] : undefined;
  }

  has(seq: number): boolean {
    return this.get(seq) !== undefined;
  }

  delete(seq: number): void {
    if (this.get(seq) === undefined) return;
    const mask = this.slots.length - 1;
    this.slots[seq & mask] = undefined;
    this.size--;
    while (this.low < this.high && this.slots[this.low & mask] === undefined) this.low++;
  }

  /** Delete every value at or below `seq`. */
  deleteThrough(seq: number): void {
    const mask = this.slots.length - 1;
    for (; this.low <= seq && this.low < this.high; this.low++) {
      if (this.slots[this.low & mask] === undefined) continue;
      this.slots[this.low & mask] = undefined;
      this.size--;
    }
    while (this.low < this.high && this.slots[this.low & mask] === undefined) this.low++;
  }

  /** Array slots allocated, a power of two: doubled when a push finds them all spanned. */
  get capacity(): number {
    return this.slots.length;
  }

  private grow(): void {
    const old = this.slots;
    const oldMask = old.length - 1;
    const slots = new Array<T | undefined>(2 * old.length).fill(undefined);
    const mask = slots.length - 1;
    for (let seq = this.low; seq < this.high; seq++) slots[seq & mask] = old[seq & oldMask];
    this.slots = slots;
  }
}
