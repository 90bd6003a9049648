/**
 * The pending-event set, ordered by (time, key, key2): the caller gives each event two ordering
 * keys, the pair unique among pending events, that break ties between equal times. The engine's are
 * (when it was scheduled, its source and that source's own sequence number), which a partition of
 * the hosts can compute without knowing how other partitions interleave; see Engine.
 *
 * Events are pooled records spread over typed arrays ("slots"). Nothing is allocated per event once
 * the arrays have grown to the working size.
 *
 * Two structures hold the entries, and `pop` takes the earlier of their two heads:
 * - a calendar (Brown 1988, "Calendar queues", CACM 31(10)) of one bucket per whole microsecond over
 *   a window of `windowUs` starting at the last popped time. An event at an integer time inside the
 *   window is appended to its bucket in O(1); a bucket only ever holds one time. Appends in key
 *   order keep it sorted, and since events are scheduled in time order and the first key is the
 *   scheduling time, nearly all appends are; one below the bucket's last keys (two sources
 *   scheduling for one microsecond at one microsecond) marks it unsorted, and the bucket is sorted
 *   once, when it becomes the earliest; one below the bucket's first key goes to its head instead
 *   (as does an event pushed again at once, with its own key, into the bucket being drained). An
 *   occupancy bitmap with a
 *   summary level finds the next non-empty bucket without walking empty ones. Event times in this
 *   engine are whole microseconds and most lie a few milliseconds ahead (message latencies, short
 *   timers), so most events never touch the heap.
 * - a 4-ary min-heap (Knuth, TAOCP vol. 3, §5.2.3, ex. 10: half the depth of a binary heap, and a
 *   node's children share a cache line) for everything else: times beyond the window, fractional
 *   times, and times before it. Entries are times stored beside the slot index, so sifting
 *   chases a pointer only to compare the keys of equal times, which are rare.
 * Each structure yields its entries in (time, keys) order, and `pop` compares the two heads' keys
 * when their times are equal, so the merge of the two does too.
 */
import { queueOverflow } from './errors.ts';

/** Bits of a timer id that hold the slot; the rest hold the slot's generation. */
export const SLOT_BITS = 24;
export const SLOT_LIMIT = 1 << SLOT_BITS;

/**
 * 2^19 µs ≈ 0.52 s: covers WAN latencies (SimBlock's inter-region means reach 325 ms) and short
 * timers. Its 4 MB of bucket heads and tails start as untouched zero pages, so an engine pays for
 * the part of the window its events use.
 */
export const DEFAULT_WINDOW_US = 1 << 19;

const END_OF_BUCKET = -1;

export class EventQueue {
  /** Bound on pending events (cancelled ones count until they are popped). */
  readonly maxPending: number;

  // Per-slot payload.
  kind: Uint8Array;
  host: Int32Array;
  from: Int32Array;
  tag: Float64Array;
  /** Bumped at each release; a timer id is gen · SLOT_LIMIT + slot (gen below 2^29 keeps it an exact double). */
  gen: Uint32Array;
  /**
   * The one link of a slot, in whichever list holds it: the next slot in its calendar bucket while
   * it is there, in a host's wait list while it waits there (see Engine's busy-host queue; -1 at the
   * tail), or in the free list once released. A slot is in at most one of them at a time, so one
   * array serves all three.
   */
  next: Int32Array;
  /** Ordering keys of the slot's pending event (ties at equal times pop in increasing (order, order2)). */
  order: Float64Array;
  order2: Float64Array;
  /**
   * A message's departure from its sender, when its first bit left, in ns, and the sender's
   * incarnation when it sent it: a message still queued behind work or on the uplink when its
   * sender crashes is lost with it (Engine.crash).
   */
  departNs: Float64Array;
  senderIncarnation: Int32Array;
  refs: unknown[];

  // Calendar: bucket b holds the events at the one time t in [windowStartUs, windowStartUs + windowUs) with t & mask = b.
  private readonly mask: number;
  /** First slot of each bucket plus one; 0 for an empty bucket, so a new array needs no fill. */
  private readonly bucketHeadPlusOne: Int32Array;
  /** Last slot of each bucket; meaningful only while the bucket is non-empty. */
  private readonly bucketTail: Int32Array;
  /** 1 where a bucket received a key below its last one and must be sorted before it pops. */
  private readonly bucketUnsorted: Uint8Array;
  /** Scratch for sorting a bucket: its slots and their keys. */
  private sortSlots: Int32Array = new Int32Array(64);
  private sortKeys: Float64Array = new Float64Array(64);
  private sortKeys2: Float64Array = new Float64Array(64);
  /** Bit b set when bucket b is non-empty; bit w of `occupiedSummary` when word w of `occupied` is non-zero. */
  private readonly occupied: Uint32Array;
  private readonly occupiedSummary: Uint32Array;
  private windowStartUs = 0;
  private calendarCount = 0;
  /** Time of the earliest calendar event; Infinity when the calendar is empty. */
  private calendarMinUs = Infinity;

  // Heap entries: time and the slot they point at (whose keys break ties).
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private heapSize = 0;

  /** Released slots, last released first, linked through `next`. */
  private freeHead = -1;
  private freeCount = 0;
  private allocated = 0;
  /** Pending entries, in either structure. */
  size = 0;

  constructor(maxPending: number, initialCapacity = 1024, windowUs = DEFAULT_WINDOW_US) {
    if (!(maxPending >= 1 && maxPending <= SLOT_LIMIT - 1)) {
      throw new RangeError(`maxPendingEvents must be in 1..${SLOT_LIMIT - 1}, found ${maxPending}`);
    }
    if (!(Number.isInteger(Math.log2(windowUs)) && windowUs >= 1024 && windowUs <= 1 << 24)) {
      throw new RangeError(`windowUs must be a power of two in 2^10..2^24, found ${windowUs}`);
    }
    this.maxPending = maxPending;
    const cap = Math.min(initialCapacity, maxPending);
    this.kind = new Uint8Array(cap);
    this.host = new Int32Array(cap);
    this.from = new Int32Array(cap);
    this.tag = new Float64Array(cap);
    this.gen = new Uint32Array(cap);
    this.next = new Int32Array(cap);
    this.order = new Float64Array(cap);
    this.order2 = new Float64Array(cap);
    this.departNs = new Float64Array(cap);
    this.senderIncarnation = new Int32Array(cap);
    this.refs = new Array<unknown>(cap).fill(undefined);
    this.heapTime = new Float64Array(cap);
    this.heapSlot = new Int32Array(cap);
    this.mask = windowUs - 1;
    this.bucketHeadPlusOne = new Int32Array(windowUs);
    this.bucketTail = new Int32Array(windowUs);
    this.bucketUnsorted = new Uint8Array(windowUs);
    this.occupied = new Uint32Array(windowUs >>> 5);
    this.occupiedSummary = new Uint32Array(windowUs >>> 10);
  }

  /** Slots holding an event: in the queue or waiting at a busy host. */
  get inUse(): number {
    return this.allocated - this.freeCount;
  }

  /** Take a free slot (its payload fields are the caller's to fill). */
  allocate(nowUs: number): number {
    if (this.freeCount > 0) {
      const slot = this.freeHead;
      this.freeHead = this.next[slot]!;
      this.freeCount--;
      return slot;
    }
    if (this.allocated >= this.maxPending) throw queueOverflow(this.maxPending, nowUs);
    if (this.allocated === this.kind.length) this.grow();
    return this.allocated++;
  }

  /** Return a slot to the pool; bumping the generation invalidates timer ids that named it. */
  release(slot: number): void {
    this.gen[slot]! += 1;
    this.refs[slot] = undefined;
    this.next[slot] = this.freeHead;
    this.freeHead = slot;
    this.freeCount++;
  }

  /** Insert `slot` at `timeUs` with ordering keys (`key`, `key2`) (the pair unique among pending events). */
  push(slot: number, timeUs: number, key: number, key2: number): void {
    this.size++;
    this.order[slot] = key;
    this.order2[slot] = key2;
    const offsetUs = timeUs - this.windowStartUs;
    // `>>> 0` keeps only whole, non-negative offsets below 2^32 unchanged.
    if (offsetUs >>> 0 === offsetUs && offsetUs <= this.mask) this.calendarPush(slot, timeUs);
    else this.heapPush(slot, timeUs);
  }

  /** Whether slot `a`'s keys come before slot `b`'s. */
  private keyLess(a: number, b: number): boolean {
    const ka = this.order[a]!, kb = this.order[b]!;
    return ka < kb || (ka === kb && this.order2[a]! < this.order2[b]!);
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    const c = this.calendarMinUs;
    if (this.heapSize === 0) return c;
    const h = this.heapTime[0]!;
    return h < c ? h : c;
  }

  /** Slot of the earliest event, left in place (call only when size > 0). */
  peekSlot(): number {
    const c = this.calendarMinUs;
    const b = c & this.mask;
    if (c === Infinity) return this.heapSlot[0]!;
    if (this.bucketUnsorted[b] !== 0) this.sortBucket(b);
    const head = this.bucketHeadPlusOne[b]! - 1;
    if (this.heapSize === 0) return head;
    const h = this.heapTime[0]!;
    return h < c || (h === c && this.keyLess(this.heapSlot[0]!, head)) ? this.heapSlot[0]! : head;
  }

  /** Remove the earliest event and return its slot (call only when size > 0). */
  pop(): number {
    this.size--;
    // An empty calendar's earliest time is Infinity, so the heap wins unless it is empty too.
    const c = this.calendarMinUs;
    const b = c & this.mask; // 0 for an empty calendar (Infinity), whose bucket is then never read
    if (c !== Infinity && this.bucketUnsorted[b] !== 0) this.sortBucket(b);
    if (this.heapSize > 0) {
      const h = this.heapTime[0]!;
      if (h < c || (h === c && this.keyLess(this.heapSlot[0]!, this.bucketHeadPlusOne[b]! - 1))) return this.heapPop();
    }
    return this.calendarPop(c);
  }

  // ---- calendar ----

  private calendarPush(slot: number, timeUs: number): void {
    const b = timeUs & this.mask;
    this.next[slot] = END_OF_BUCKET;
    if (this.bucketHeadPlusOne[b] === 0) {
      this.bucketHeadPlusOne[b] = slot + 1;
      this.occupied[b >>> 5]! |= 1 << (b & 31);
      this.occupiedSummary[b >>> 10]! |= 1 << ((b >>> 5) & 31);
    } else {
      const tail = this.bucketTail[b]!;
      if (this.keyLess(slot, tail)) {
        const head = this.bucketHeadPlusOne[b]! - 1;
        if (this.keyLess(slot, head)) {
          // Below every key left: an event rescheduled at the time being drained keeps its key (a
          // message leaving its receiver's downlink queue becomes its delivery), and the bucket's
          // other events follow it. Prepending keeps the bucket in order; marking it unsorted
          // would sort it again at every pop, quadratic when thousands of messages arrive at one µs.
          this.next[slot] = head;
          this.bucketHeadPlusOne[b] = slot + 1;
          this.calendarCount++;
          if (timeUs < this.calendarMinUs) this.calendarMinUs = timeUs;
          return;
        }
        this.bucketUnsorted[b] = 1;
      }
      this.next[tail] = slot;
    }
    this.bucketTail[b] = slot;
    this.calendarCount++;
    if (timeUs < this.calendarMinUs) this.calendarMinUs = timeUs;
  }

  /** Relink bucket `b`'s slots in increasing key order. */
  private sortBucket(b: number): void {
    this.bucketUnsorted[b] = 0;
    const order = this.order, order2 = this.order2, next = this.next;
    let n = 0;
    for (let slot = this.bucketHeadPlusOne[b]! - 1; slot !== END_OF_BUCKET; slot = next[slot]!) {
      if (n === this.sortSlots.length) {
        this.sortSlots = growI32(this.sortSlots, 2 * n);
        this.sortKeys = growF64(this.sortKeys, 2 * n);
        this.sortKeys2 = growF64(this.sortKeys2, 2 * n);
      }
      this.sortSlots[n] = slot;
      this.sortKeys[n] = order[slot]!;
      this.sortKeys2[n++] = order2[slot]!;
    }
    const slots = this.sortSlots, keys = this.sortKeys, keys2 = this.sortKeys2;
    if (n <= 32) {
      // Insertion sort on (keys, slot) kept side by side: buckets are short and mostly in order.
      for (let i = 1; i < n; i++) {
        const s = slots[i]!, k = keys[i]!, k2 = keys2[i]!;
        let j = i - 1;
        while (j >= 0 && (keys[j]! > k || (keys[j] === k && keys2[j]! > k2))) {
          slots[j + 1] = slots[j]!;
          keys[j + 1] = keys[j]!;
          keys2[j + 1] = keys2[j]!;
          j--;
        }
        slots[j + 1] = s;
        keys[j + 1] = k;
        keys2[j + 1] = k2;
      }
    } else {
      slots.subarray(0, n).sort((x, y) => order[x]! - order[y]! || order2[x]! - order2[y]!);
    }
    this.bucketHeadPlusOne[b] = slots[0]! + 1;
    for (let i = 0; i + 1 < n; i++) next[slots[i]!] = slots[i + 1]!;
    next[slots[n - 1]!] = END_OF_BUCKET;
    this.bucketTail[b] = slots[n - 1]!;
  }

  /** Pop the head of the earliest bucket, at `timeUs`. */
  private calendarPop(timeUs: number): number {
    const b = timeUs & this.mask;
    const slot = this.bucketHeadPlusOne[b]! - 1;
    const next = this.next[slot]!;
    this.windowStartUs = timeUs;
    this.calendarCount--;
    if (next !== END_OF_BUCKET) {
      this.bucketHeadPlusOne[b] = next + 1;
      return slot;
    }
    this.bucketHeadPlusOne[b] = 0;
    const w = b >>> 5;
    const word = this.occupied[w]! & ~(1 << (b & 31));
    this.occupied[w] = word;
    if (word === 0) this.occupiedSummary[w >>> 5]! &= ~(1 << (w & 31));
    this.calendarMinUs = this.calendarCount > 0 ? this.nextOccupiedUs(timeUs + 1) : Infinity;
    return slot;
  }

  /** The first time ≥ `fromUs` whose bucket is occupied (the calendar must be non-empty). */
  private nextOccupiedUs(fromUs: number): number {
    const start = fromUs & this.mask;
    let w = start >>> 5;
    let bits = this.occupied[w]! & (-1 << (start & 31));
    if (bits === 0) {
      // Next non-zero word after w, cyclically: the summary's bits above w, then whole summary words.
      const words = this.occupied.length;
      const i = (w + 1) & (words - 1);
      let s = i >>> 5;
      let summary = this.occupiedSummary[s]! & (-1 << (i & 31));
      while (summary === 0) {
        s = (s + 1) & (this.occupiedSummary.length - 1);
        summary = this.occupiedSummary[s]!;
      }
      w = (s << 5) | lowestBit(summary);
      bits = this.occupied[w]!;
    }
    const b = (w << 5) | lowestBit(bits);
    return fromUs + ((b - start) & this.mask);
  }

  // ---- heap ----

  private heapPush(slot: number, timeUs: number): void {
    const ht = this.heapTime, hi = this.heapSlot;
    let i = this.heapSize++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p]!;
      if (pt < timeUs || (pt === timeUs && this.keyLess(hi[p]!, slot))) break;
      ht[i] = pt;
      hi[i] = hi[p]!;
      i = p;
    }
    ht[i] = timeUs;
    hi[i] = slot;
  }

  private heapPop(): number {
    const ht = this.heapTime, hi = this.heapSlot;
    const top = hi[0]!;
    const topUs = ht[0]!;
    const n = --this.heapSize;
    if (n > 0) {
      const t = ht[n]!, slot = hi[n]!;
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= n) break;
        // The least of up to four children; keys are read only on equal times, which are rare.
        let c = first;
        let ct = ht[first]!;
        const last = first + 3 < n ? first + 3 : n - 1;
        for (let k = first + 1; k <= last; k++) {
          const kt = ht[k]!;
          if (kt < ct || (kt === ct && this.keyLess(hi[k]!, hi[c]!))) {
            c = k;
            ct = kt;
          }
        }
        if (t < ct || (t === ct && this.keyLess(slot, hi[c]!))) break;
        ht[i] = ct;
        hi[i] = hi[c]!;
        i = c;
      }
      ht[i] = t;
      hi[i] = slot;
    }
    // The calendar's window follows the clock; every pending calendar event is at or after topUs.
    if (topUs > this.windowStartUs) this.windowStartUs = Math.floor(topUs);
    return top;
  }

  private grow(): void {
    const cap = Math.min(this.kind.length * 2, this.maxPending);
    this.kind = growU8(this.kind, cap);
    this.host = growI32(this.host, cap);
    this.from = growI32(this.from, cap);
    this.tag = growF64(this.tag, cap);
    this.gen = growU32(this.gen, cap);
    this.next = growI32(this.next, cap);
    this.order = growF64(this.order, cap);
    this.order2 = growF64(this.order2, cap);
    this.departNs = growF64(this.departNs, cap);
    this.senderIncarnation = growI32(this.senderIncarnation, cap);
    for (let i = this.refs.length; i < cap; i++) this.refs.push(undefined);
    this.heapTime = growF64(this.heapTime, cap);
    this.heapSlot = growI32(this.heapSlot, cap);
  }
}

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

function growU8(a: Uint8Array, cap: number): Uint8Array {
  const b = new Uint8Array(cap);
  b.set(a);
  return b;
}
function growU32(a: Uint32Array, cap: number): Uint32Array {
  const b = new Uint32Array(cap);
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
