/**
 * The pool of transactions waiting for a block. Its limits are explicit (capacity in transactions
 * and in bytes) and every rejected transaction is counted with its reason, so overload shows up in
 * the metrics instead of as unbounded memory.
 *
 * Order is FIFO, or priority (higher first, FIFO among equals) as in fee-ordered mempools.
 * Duplicates (a transaction already waiting, or already committed) are rejected: clients
 * retransmit (Castro & Liskov 1999, §4.1), so the same request often arrives twice.
 *
 * A transaction may have a lifetime, counted from its client's submission: a deadline the
 * transaction carries, as Cosmos SDK's `timeout_timestamp` does, where CometBFT's mempool
 * `ttl-duration` and Bitcoin Core's `-mempoolexpiry` count from each node's own admission
 * (docs/references.md §10). One past it is neither admitted nor proposed, so after an outage a ledger
 * does not spend its capacity on requests whose clients have given up. Counting from the
 * submission makes every replica agree, and a copy relayed or retransmitted late cannot bring an
 * expired request back (counted from admission, the copies a PBFT backup relays to a new primary
 * after a partition were admitted afresh and committed). A proposer drops expired transactions
 * when it meets them while taking a batch rather than in a sweep after each commit as CometBFT
 * does: it proposes the same ones (in priority order one deep in the heap waits until it surfaces).
 */
import { TxIdBitmap } from './txid-bitmap.ts';
import { TxIdSet } from './txid-set.ts';
import type { Transaction } from './types.ts';

export type MempoolOrder = 'fifo' | 'priority';

export interface MempoolOptions {
  readonly capacityTxs: number;
  readonly capacityBytes: number;
  readonly order: MempoolOrder;
  /** How long after its submission a transaction may still be admitted or proposed; Infinity: for ever (the default). */
  readonly lifetimeUs: number;
}

export const DEFAULT_MEMPOOL: MempoolOptions = { capacityTxs: 100_000, capacityBytes: 256 * 1024 * 1024, order: 'fifo', lifetimeUs: Infinity };

export const MempoolDrop = { duplicate: 0, fullTxs: 1, fullBytes: 2, expired: 3 } as const;
export type MempoolDropReason = keyof typeof MempoolDrop;

export type MempoolAddResult = 'added' | MempoolDropReason;

/** What a pool with a lifetime needs from its owner: the time, and where to report an expired transaction. */
export interface MempoolClock {
  nowUs(): number;
  expired(tx: Transaction): void;
}

/** A pool without a lifetime never asks the time. */
const NO_CLOCK: MempoolClock = { nowUs: () => 0, expired: () => undefined };

interface Entry {
  readonly tx: Transaction;
  readonly priority: number;
  readonly seq: number;
}

export class Mempool {
  readonly options: MempoolOptions;
  /** Rejections so far, indexed by `MempoolDrop`. */
  readonly dropped = new Float64Array(4);
  private sizeTxsNow = 0;
  private sizeBytesNow = 0;
  private seq = 0;
  /** FIFO: a queue with a moving head; priority: a binary heap. Removed entries are skipped lazily. */
  private entries: Entry[] = [];
  private head = 0;
  /** Waiting ids: they join and leave mostly in each sender's order (txid-bitmap.ts). */
  private readonly waiting = new TxIdBitmap();
  /** Proposed in a block not yet committed (small: bounded by the protocol's pipeline). */
  private readonly proposed = new Set<number>();
  private readonly committed = new TxIdSet();

  private readonly clock: MempoolClock;
  /**
   * Where set, `take` withdraws the transactions it selects instead of taking them: a Byzantine
   * replica that keeps chosen senders' transactions out of its proposals, whenever they entered its
   * pool (src/attacks/byzantine/censorship.ts).
   */
  excluding: ((tx: Transaction) => boolean) | null = null;

  /** `clock` is needed only with a finite `options.lifetimeUs`. */
  constructor(options: MempoolOptions = DEFAULT_MEMPOOL, clock?: MempoolClock) {
    if (!(options.capacityTxs >= 1)) throw new RangeError(`mempool capacity must be ≥ 1 transaction, found ${options.capacityTxs}`);
    if (!(options.capacityBytes >= 1)) throw new RangeError(`mempool capacity must be ≥ 1 byte, found ${options.capacityBytes}`);
    if (!(options.lifetimeUs > 0)) throw new RangeError(`mempool lifetime must be > 0 µs, found ${options.lifetimeUs}`);
    if (options.lifetimeUs !== Infinity && clock === undefined) throw new RangeError('a mempool with a lifetime needs a clock');
    this.options = options;
    this.clock = options.lifetimeUs === Infinity ? NO_CLOCK : clock!;
  }

  get sizeTxs(): number {
    return this.sizeTxsNow;
  }

  get sizeBytes(): number {
    return this.sizeBytesNow;
  }

  get droppedTotal(): number {
    return this.dropped[0]! + this.dropped[1]! + this.dropped[2]! + this.dropped[3]!;
  }

  has(id: number): boolean {
    return this.waiting.has(id);
  }

  isCommitted(id: number): boolean {
    return this.committed.has(id);
  }

  /** Committed, proposed, or waiting: a new copy would be a duplicate. */
  isKnown(id: number): boolean {
    return this.waiting.has(id) || this.proposed.has(id) || this.committed.has(id);
  }

  /** Admit `tx` unless it is a duplicate, expired or the pool is full; `priority` matters in priority order. */
  add(tx: Transaction, priority = 0): MempoolAddResult {
    let r: MempoolAddResult = 'added';
    if (this.isKnown(tx.id)) r = 'duplicate';
    else if (this.isExpired(tx)) r = 'expired';
    else if (this.sizeTxsNow + 1 > this.options.capacityTxs) r = 'fullTxs';
    else if (this.sizeBytesNow + tx.sizeBytes > this.options.capacityBytes) r = 'fullBytes';
    if (r !== 'added') {
      this.dropped[MempoolDrop[r]]! += 1;
      if (r === 'expired') this.clock.expired(tx);
      return r;
    }
    this.waiting.add(tx.id);
    this.sizeTxsNow++;
    this.sizeBytesNow += tx.sizeBytes;
    const e: Entry = { tx, priority, seq: this.seq++ };
    if (this.options.order === 'fifo') this.entries.push(e);
    else this.heapPush(e);
    return 'added';
  }

  /**
   * Remove and return up to `maxTxs` transactions totalling at most `maxBytes`, in pool order, and
   * mark them proposed (call `markCommitted` or `unpropose` for each later). Taking stops at the
   * first transaction that does not fit, so order is never violated. Expired transactions met on
   * the way are dropped and reported to the clock; those `excluding` selects leave the pool untaken.
   */
  take(maxTxs: number, maxBytes: number): Transaction[] {
    const out: Transaction[] = [];
    let bytes = 0;
    while (out.length < maxTxs) {
      const e = this.peekLive();
      if (e !== undefined && this.isExpired(e.tx)) {
        this.popHead();
        this.removeWaiting(e.tx);
        this.dropped[MempoolDrop.expired]! += 1;
        this.clock.expired(e.tx);
        continue;
      }
      if (e !== undefined && this.excluding !== null && this.excluding(e.tx)) {
        this.popHead();
        this.removeWaiting(e.tx);
        continue;
      }
      if (e === undefined || bytes + e.tx.sizeBytes > maxBytes) break;
      this.popHead();
      this.waiting.delete(e.tx.id);
      this.proposed.add(e.tx.id);
      this.sizeTxsNow--;
      this.sizeBytesNow -= e.tx.sizeBytes;
      bytes += e.tx.sizeBytes;
      out.push(e.tx);
    }
    return out;
  }

  /** `tx` is in a proposed block: it leaves the pool, and copies are duplicates until it commits or is abandoned. */
  markProposed(tx: Transaction): void {
    this.removeWaiting(tx);
    this.proposed.add(tx.id);
  }

  /** The block carrying `id` was abandoned (view change): clients' retransmissions are welcome again. */
  unpropose(id: number): void {
    this.proposed.delete(id);
  }

  /** `tx` committed: it leaves the pool for good. */
  markCommitted(tx: Transaction): void {
    this.removeWaiting(tx);
    this.proposed.delete(tx.id);
    this.committed.add(tx.id);
  }

  private isExpired(tx: Transaction): boolean {
    return this.options.lifetimeUs !== Infinity && this.clock.nowUs() - tx.submittedUs >= this.options.lifetimeUs;
  }

  private removeWaiting(tx: Transaction): void {
    if (this.waiting.delete(tx.id)) {
      this.sizeTxsNow--;
      this.sizeBytesNow -= tx.sizeBytes;
    }
  }

  private peekLive(): Entry | undefined {
    for (;;) {
      const e = this.options.order === 'fifo' ? this.entries[this.head] : this.entries[0];
      if (e === undefined) return undefined;
      if (this.waiting.has(e.tx.id)) return e;
      this.popHead();
    }
  }

  private popHead(): void {
    if (this.options.order === 'fifo') {
      this.head++;
      // Compact now and then so the array does not grow without bound.
      if (this.head > 1024 && this.head * 2 > this.entries.length) {
        this.entries = this.entries.slice(this.head);
        this.head = 0;
      }
    } else {
      this.heapPop();
    }
  }

  private before(a: Entry, b: Entry): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
  }

  private heapPush(e: Entry): void {
    const h = this.entries;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private heapPop(): void {
    const h = this.entries;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/**
 * Mempool limits from the scenario's consensus section (`mempool: { capacity, capacityBytes, order }`);
 * defaults where absent. Hosts hand the result to every replica as `ReplicaConfig.mempool`.
 */
export function mempoolOptionsFrom(params: Readonly<Record<string, unknown>>): MempoolOptions {
  const m = params['mempool'];
  if (m === null || typeof m !== 'object') return DEFAULT_MEMPOOL;
  const o = m as Record<string, unknown>;
  const capacityTxs = typeof o['capacity'] === 'number' ? o['capacity'] : DEFAULT_MEMPOOL.capacityTxs;
  const capacityBytes = typeof o['capacityBytes'] === 'number' ? o['capacityBytes'] : DEFAULT_MEMPOOL.capacityBytes;
  const order = o['order'] === 'priority' ? 'priority' : 'fifo';
  const lifetimeUs = typeof o['ttl'] === 'number' ? o['ttl'] : DEFAULT_MEMPOOL.lifetimeUs;
  return { capacityTxs, capacityBytes, order, lifetimeUs };
}
