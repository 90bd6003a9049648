/**
 * The pending-event set: a binary min-heap ordered by (time, insertion sequence), so ties run in
 * the order they were scheduled (SimPy's rule), never by identity.
 *
 * Events are pooled records spread over typed arrays ("slots"); the heap stores each entry's
 * key beside its slot index so sifting never chases a pointer. Nothing is allocated per event once
 * the arrays have grown to the working size.
 */
import { queueOverflow } from './errors.ts';

/** Bits of a timer id that hold the slot; the rest hold the slot's generation. */
export const SLOT_BITS = 24;
export const SLOT_LIMIT = 1 << SLOT_BITS;

export class EventQueue {
  /** Bound on pending events (cancelled ones count until they are popped). */
  readonly maxPending: number;

  // Per-slot payload.
  kind: Uint8Array;
  host: Int32Array;
  from: Int32Array;
  tag: Float64Array;
  gen: Float64Array;
  /** Next slot in a host's wait list (-1 at the tail); see Engine's busy-host queue. */
  next: Int32Array;
  refs: unknown[];

  // Heap entries: key (time, seq) and the slot they point at.
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private allocated = 0;
  private nextSeq = 0;
  size = 0;

  constructor(maxPending: number, initialCapacity = 1024) {
    if (!(maxPending >= 1 && maxPending <= SLOT_LIMIT - 1)) {
      throw new RangeError(`maxPendingEvents must be in 1..${SLOT_LIMIT - 1}, found ${maxPending}`);
    }
    this.maxPending = maxPending;
    const cap = Math.min(initialCapacity, maxPending);
    this.kind = new Uint8Array(cap);
    this.host = new Int32Array(cap);
    this.from = new Int32Array(cap);
    this.tag = new Float64Array(cap);
    this.gen = new Float64Array(cap);
    this.next = new Int32Array(cap);
    this.refs = new Array<unknown>(cap).fill(undefined);
    this.heapTime = new Float64Array(cap);
    this.heapSeq = new Float64Array(cap);
    this.heapSlot = new Int32Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  /** Slots holding an event: in the heap or waiting at a busy host. */
  get inUse(): number {
    return this.allocated - this.freeCount;
  }

  /** Number of scheduled events so far; also the next insertion sequence. */
  get scheduledCount(): number {
    return this.nextSeq;
  }

  /** Take a free slot (its payload fields are the caller's to fill). */
  allocate(nowUs: number): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.allocated >= this.maxPending) throw queueOverflow(this.maxPending, nowUs);
    if (this.allocated === this.kind.length) this.grow();
    return this.allocated++;
  }

  /** Return a slot to the pool; bumping the generation invalidates timer ids that named it. */
  release(slot: number): void {
    this.gen[slot]! += 1;
    this.refs[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Insert `slot` at `timeUs`, after every event already scheduled for that time. */
  push(slot: number, timeUs: number): void {
    const seq = this.nextSeq++;
    const ht = this.heapTime, hs = this.heapSeq, hi = this.heapSlot;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p]!;
      if (pt < timeUs || (pt === timeUs && hs[p]! < seq)) break;
      ht[i] = pt;
      hs[i] = hs[p]!;
      hi[i] = hi[p]!;
      i = p;
    }
    ht[i] = timeUs;
    hs[i] = seq;
    hi[i] = slot;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.heapTime[0]! : Infinity;
  }

  /** Remove the earliest event and return its slot (call only when size > 0). */
  pop(): number {
    const ht = this.heapTime, hs = this.heapSeq, hi = this.heapSlot;
    const top = hi[0]!;
    const n = --this.size;
    if (n > 0) {
      const t = ht[n]!, s = hs[n]!, slot = hi[n]!;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        let ct = ht[c]!;
        const r = c + 1;
        // Sequence numbers are read only on equal times, which are rare: one array touched per level.
        if (r < n) {
          const rt = ht[r]!;
          if (rt < ct || (rt === ct && hs[r]! < hs[c]!)) {
            c = r;
            ct = rt;
          }
        }
        if (t < ct || (t === ct && s < hs[c]!)) break;
        ht[i] = ct;
        hs[i] = hs[c]!;
        hi[i] = hi[c]!;
        i = c;
      }
      ht[i] = t;
      hs[i] = s;
      hi[i] = slot;
    }
    return top;
  }

  private grow(): void {
    const cap = Math.min(this.kind.length * 2, this.maxPending);
    this.kind = growU8(this.kind, cap);
    this.host = growI32(this.host, cap);
    this.from = growI32(this.from, cap);
    this.tag = growF64(this.tag, cap);
    this.gen = growF64(this.gen, cap);
    this.next = growI32(this.next, cap);
    for (let i = this.refs.length; i < cap; i++) this.refs.push(undefined);
    this.heapTime = growF64(this.heapTime, cap);
    this.heapSeq = growF64(this.heapSeq, cap);
    this.heapSlot = growI32(this.heapSlot, cap);
    this.freeSlots = growI32(this.freeSlots, cap);
  }
}

function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
function growF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
