/**
 * A load-generating client: submits transactions, sends each to one replica (the one it believes
 * leads, or where any replica takes requests its own, moving on after a timeout: request-target.ts),
 * and confirms a transaction once `repliesNeeded` replicas sent matching replies (same height and
 * block hash): f + 1 for PBFT, so at least one is honest (Castro & Liskov 1999, §4.1).
 *
 * Load is open-loop (Poisson or periodic arrivals at `rateTps`, whatever the ledger does) or
 * closed-loop (`closed`: `outstandingMax` transactions in flight, a new one submitted as soon as one
 * is confirmed or abandoned, as Hyperledger Caliper's fixed-load rate controller keeps a fixed
 * backlog; docs/references.md §10). An unconfirmed request is rebroadcast to every replica after
 * `requestTimeoutUs` (§4.1, which is also what lets backups notice a silent primary), then again
 * after waits growing by `backoffFactor`, and abandoned `giveUpAfterUs` after its submission
 * (retry-schedule.ts): so an overloaded ledger sees a bounded number of copies of each request, and
 * the client holds at most the requests of the last `giveUpAfterUs`.
 */
import type { Actor, ActorContext, HostId, TimerId } from '../../../sim/index.ts';
import { definePortable, exponential } from '../../../sim/index.ts';
import { txId, txSeq, type Transaction } from '../../ledger/types.ts';
import type { ConfirmedEvent, ReplyMessage, RequestMessage, SubmitEvent, TimedOutEvent } from '../types.ts';
import { RetrySchedule, type RetryPolicy } from './retry-schedule.ts';
import { RequestTarget, type ClientRequests } from './request-target.ts';
import { SequenceWindow } from '../../ledger/sequence-window.ts';
import { CpuCharger } from '../../ledger/crypto.ts';
import { isOwnReply } from '../reply.ts';

export type ArrivalProcess = 'poisson' | 'periodic' | 'closed';

export interface ClientConfig extends RetryPolicy {
  readonly replicaHosts: readonly HostId[];
  readonly repliesNeeded: number;
  /** Where new requests go (the protocol's `clientRequests`); 'primary' when absent. */
  readonly requests?: ClientRequests;
  /** The replica host an 'any-replica' client starts at; the first replica when absent. */
  readonly home?: HostId;
  /** This client's offered load, transactions per second (open loop). */
  readonly rateTps: number;
  readonly arrival: ArrivalProcess;
  /** Closed loop: transactions kept outstanding (submitted, neither confirmed nor abandoned). */
  readonly outstandingMax: number;
  readonly txSizeBytes: number;
  /** Stop submitting at this time; Infinity for never. */
  readonly stopAtUs: number;
  /** Request header bytes on top of the transaction. */
  readonly requestOverheadBytes?: number;
  /**
   * CPU time, µs, to check one reply's authentication (the protocol's, src/protocols/reply.ts),
   * charged on this client's host for each reply it counts; 0 when absent.
   */
  readonly replyVerifyUs?: number;
}

const TAG_ARRIVAL = 1;
const TAG_RETRY = 2;
const NO_TIMER = -1;

/**
 * Synthetic load carries no payload; its digest stands for the transaction's own id, zero-padded to
 * 64 hex digits, and is derived when read instead of held: an overloaded client holds a deadline's
 * worth of transactions (2 million at 200,000 tx/s and a 10 s deadline), and a held digest string
 * (80 B) was half of each. Being a prototype accessor, the digest is not an own property: copy such
 * a transaction field by field, never by object spread.
 *
 * It is also its own request message: the client sends the same immutable object at submission and
 * at every rebroadcast, and the message's `kind` and `tx` live on the prototype, so a request in
 * flight costs nothing beyond the transaction (an overloaded run holds about a million of them, at
 * 40 B each when every send built one).
 */
class SyntheticTransaction implements Transaction, RequestMessage {
  declare readonly kind: 'request';

  constructor(readonly id: number, readonly sender: HostId, readonly sizeBytes: number, readonly submittedUs: number) {
    Object.freeze(this);
  }

  get tx(): Transaction {
    return this;
  }

  get payloadDigest(): string {
    return this.id.toString(16).padStart(64, '0');
  }
}

Object.defineProperty(SyntheticTransaction.prototype, 'kind', { value: 'request' });
// Crossing threads, it travels as its four fields and is rebuilt on the other side.
definePortable(
  'synthetic-transaction',
  SyntheticTransaction,
  (t) => [t.id, t.sender, t.sizeBytes, t.submittedUs],
  (d) => {
    const [id, sender, sizeBytes, submittedUs] = d as [number, number, number, number];
    return new SyntheticTransaction(id, sender, sizeBytes, submittedUs);
  },
);

/** Replicas that replied to one request and the block hash each reported. */
interface Replies {
  readonly replicas: HostId[];
  readonly hashes: string[];
}

export class LoadClient implements Actor<unknown> {
  submitted = 0;
  confirmed = 0;
  timedOut = 0;
  private seq = 0;
  private readonly target: RequestTarget;
  /** Unconfirmed transactions by sequence number. */
  private readonly pending = new SequenceWindow<SyntheticTransaction>();
  /** Replies so far to unconfirmed transactions that have any: most of an overloaded backlog has none. */
  private readonly replies = new Map<number, Replies>();
  private readonly schedule: RetrySchedule;
  private retryTimer: TimerId = NO_TIMER;
  private retryTimerAtUs = Infinity;
  private readonly meanGapUs: number;
  private readonly requestBytes: number;
  private readonly replyVerifyUs: number;
  /** Carries sub-µs checks (a 1 µs MAC) forward, as replicas do. */
  private readonly cpu: CpuCharger;
  /**
   * Due times of the arrivals whose timers are set and have not fired, in order from `armedHead`:
   * the next one always, and every one due while the host is busy (armArrivals).
   */
  private readonly armedUs: number[] = [];
  private armedHead = 0;
  /** Due time of the latest arrival armed, the next gap's start; NaN until the first (and after a recovery). */
  private lastArmedUs = NaN;
  /** No arrival is due any more: a closed loop, no rate, or the next would be at or after stopAtUs. */
  private arrivalsEnded: boolean;
  /** Arrivals submitted so far. */
  private arrivalsTaken = 0;
  /**
   * Arrival gaps drawn ahead of use by `futureArrivalsUntil`, consumed in order by later arrivals:
   * the same draws in the same order as without looking ahead, so the run is unchanged.
   */
  private gapsAhead: number[] = [];
  private gapsAheadHead = 0;
  /** The last projection: the end it counted to, the arrivals submitted then, how many it found to come, and the crash count. */
  private projection = { toUs: NaN, arrivalsTaken: 0, arrivals: 0, recoveries: 0 };
  private recoveries = 0;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly config: ClientConfig) {
    if (config.replicaHosts.length === 0) throw new RangeError('client: at least one replica is needed');
    if (config.arrival === 'closed' && !(Number.isInteger(config.outstandingMax) && config.outstandingMax >= 1)) {
      throw new RangeError(`client: a closed loop needs a positive whole number of outstanding transactions, found ${config.outstandingMax}`);
    }
    this.target = new RequestTarget(config.replicaHosts, config.requests, config.home ?? config.replicaHosts[0]!);
    this.meanGapUs = config.rateTps > 0 ? 1e6 / config.rateTps : Infinity;
    this.arrivalsEnded = this.noArrivals();
    this.requestBytes = config.txSizeBytes + (config.requestOverheadBytes ?? 64);
    this.replyVerifyUs = config.replyVerifyUs ?? 0;
    this.cpu = new CpuCharger(ctx);
    this.schedule = new RetrySchedule(config, {
      isLive: (seq) => this.pending.has(seq),
      oldestLive: () => (this.pending.size > 0 ? this.pending.oldestSeq : NaN),
      submittedUs: (seq) => this.pending.get(seq)!.submittedUs,
    });
  }

  /** The replica this client's next new request goes to (request-target.ts). */
  get targetHost(): HostId {
    return this.target.host;
  }

  /** Transactions submitted and neither confirmed nor abandoned. */
  get outstanding(): number {
    return this.pending.size;
  }

  /** Retransmission and deadline entries held (live or awaiting removal); bounded, see retry-schedule.ts. */
  get scheduledEntries(): number {
    return this.schedule.entries;
  }

  onStart(): void {
    if (this.config.arrival === 'closed') this.topUp();
    else this.armArrivals(this.ctx.nowUs);
  }

  onTimer(tag: number): void {
    if (tag === TAG_ARRIVAL) {
      this.submit(this.takeArrival());
      this.armArrivals(this.ctx.nowUs);
    } else if (tag === TAG_RETRY) {
      this.retryTimer = NO_TIMER;
      this.retryTimerAtUs = Infinity;
      this.runDue();
    }
  }

  onRecover(): void {
    // A crash lost every timer: arrivals resume now, and whatever fell due meanwhile runs at once.
    this.recoveries++;
    this.retryTimer = NO_TIMER;
    this.retryTimerAtUs = Infinity;
    this.armedUs.length = 0;
    this.armedHead = 0;
    this.lastArmedUs = NaN;
    this.arrivalsEnded = this.noArrivals();
    if (this.config.arrival === 'closed') this.topUp();
    else this.armArrivals(this.ctx.nowUs);
    this.armRetry();
  }

  onMessage(from: HostId, msg: unknown): void {
    const r = msg as ReplyMessage;
    if (r.kind !== 'reply') return;
    // A reply of this client's own (reply.ts isOwnReply) to a request still open from a replica
    // not yet heard counts; which replies are checked, and paid for, is the request target's rule
    // (request-target.ts heard).
    const own = isOwnReply(this.ctx.self, from, r);
    const replies = own ? this.repliesToCount(from, r) : undefined;
    const checked = this.target.heard(from, r, replies !== undefined, own, this.seq);
    if (checked && this.replyVerifyUs > 0) {
      this.cpu.charge(this.replyVerifyUs);
      this.armArrivals(this.ctx.nowUs + Math.ceil(this.replyVerifyUs));
    }
    if (replies === undefined) return;
    const seq = txSeq(r.txId);
    const tx = this.pending.get(seq)!;
    replies.replicas.push(from);
    replies.hashes.push(r.blockHash);
    let matching = 0;
    for (const h of replies.hashes) if (h === r.blockHash) matching++;
    if (matching < this.config.repliesNeeded) return;
    this.forget(seq);
    this.confirmed++;
    const e: ConfirmedEvent = { kind: 'confirmed', tx, height: r.height };
    this.ctx.emit(e);
    if (this.config.arrival === 'closed') this.topUp();
  }

  /**
   * The replies counted so far to the open request that `r`, one of this client's own, answers,
   * when `r` is one to check and count (to a request still open, by a replica not yet counted);
   * undefined when it is dropped unchecked.
   */
  private repliesToCount(from: HostId, r: ReplyMessage): Replies | undefined {
    const seq = txSeq(r.txId);
    if (!this.pending.has(seq)) return undefined;
    let replies = this.replies.get(seq);
    if (replies === undefined) {
      replies = { replicas: [], hashes: [] };
      this.replies.set(seq, replies);
    }
    return replies.replicas.includes(from) ? undefined : replies;
  }

  /**
   * How many transactions this client will still submit after now and up to `toUs` (inclusive):
   * exact unless it crashes meanwhile (a recovery restarts the arrivals from its own time).
   * Infinity for a closed loop, whose submissions follow the ledger's answers.
   */
  futureArrivalsUntil(toUs: number): number {
    if (this.config.arrival === 'closed') return Infinity;
    const p = this.projection;
    // The arrivals up to toUs are fixed once drawn: those submitted since the last projection were among them.
    if (p.toUs === toUs && p.recoveries === this.recoveries) return p.arrivals - (this.arrivalsTaken - p.arrivalsTaken);
    let arrivals = 0;
    for (let k = this.armedHead; k < this.armedUs.length && this.armedUs[k]! <= toUs; k++) arrivals++;
    let i = this.gapsAheadHead;
    for (let t = this.lastArmedUs; !this.arrivalsEnded && t <= toUs; ) {
      if (i === this.gapsAhead.length) this.gapsAhead.push(this.drawGap());
      const gap = this.gapsAhead[i++]!;
      // As armArrivals: no arrival at or after stopAtUs, and the engine rounds timer delays.
      if (t + gap >= this.config.stopAtUs) break;
      t += Math.round(gap);
      if (t <= toUs) arrivals++;
    }
    this.projection = { toUs, arrivalsTaken: this.arrivalsTaken, arrivals, recoveries: this.recoveries };
    return arrivals;
  }

  private noArrivals(): boolean {
    return this.config.arrival === 'closed' || this.meanGapUs === Infinity;
  }

  /**
   * Set the timers of the arrivals due before `busyUntilUs`, when the host will next be free, and
   * of the first one after. Each arrival is a gap after the one before it (the first a gap after
   * now, at the start and on recovery), so open-loop arrivals keep their times while the host is
   * busy checking replies, and only their requests wait for it; a timer set before its arrival is
   * due joins the host's queue at that time (sim/engine.ts: a busy host serves what reaches it
   * first in, first out), ahead of replies that arrive after it.
   */
  private armArrivals(busyUntilUs: number): void {
    while (!this.arrivalsEnded && (this.armedHead === this.armedUs.length || this.lastArmedUs < busyUntilUs)) {
      const fromUs = Number.isNaN(this.lastArmedUs) ? this.ctx.nowUs : this.lastArmedUs;
      const gap = this.nextGap();
      if (fromUs + gap >= this.config.stopAtUs) {
        this.arrivalsEnded = true;
        return;
      }
      this.lastArmedUs = fromUs + Math.round(gap);
      this.armedUs.push(this.lastArmedUs);
      this.ctx.setTimer(Math.max(0, this.lastArmedUs - this.ctx.nowUs), TAG_ARRIVAL);
    }
  }

  /** The due time of the arrival whose timer fired (timers with the same time fire in the order set). */
  private takeArrival(): number {
    const dueUs = this.armedUs[this.armedHead++]!;
    if (this.armedHead === this.armedUs.length) {
      this.armedUs.length = 0;
      this.armedHead = 0;
    }
    this.arrivalsTaken++;
    return dueUs;
  }

  private nextGap(): number {
    if (this.gapsAheadHead === this.gapsAhead.length) return this.drawGap();
    const gap = this.gapsAhead[this.gapsAheadHead++]!;
    if (this.gapsAheadHead === this.gapsAhead.length) {
      this.gapsAhead = [];
      this.gapsAheadHead = 0;
    }
    return gap;
  }

  private drawGap(): number {
    return this.config.arrival === 'poisson' ? exponential(this.ctx.rng, this.meanGapUs) : this.meanGapUs;
  }

  /** Closed loop: submit until `outstandingMax` transactions are in flight. */
  private topUp(): void {
    while (this.pending.size < this.config.outstandingMax && this.ctx.nowUs < this.config.stopAtUs) this.submit(this.ctx.nowUs);
  }

  /**
   * Submit a transaction that arrived at `arrivalUs` (now, or earlier for an open-loop arrival
   * that waited for the host): its latency, retransmissions and deadline count from its arrival.
   */
  private submit(arrivalUs: number): void {
    const seq = this.seq++;
    const id = txId(this.ctx.self, seq);
    const tx = new SyntheticTransaction(id, this.ctx.self, this.config.txSizeBytes, arrivalUs);
    this.submitted++;
    this.pending.push(seq, tx);
    const e: SubmitEvent = { kind: 'submit', tx };
    this.ctx.emit(e);
    this.ctx.send(this.target.host, tx, this.requestBytes);
    this.schedule.submitted(seq, arrivalUs);
    this.armRetry();
  }

  /**
   * Give up on, or rebroadcast to every replica, each request now due, in due order; one sent to
   * the current target moves later requests on where any replica takes them (request-target.ts).
   */
  private runDue(): void {
    const now = this.ctx.nowUs;
    for (let due = this.schedule.popDue(now); due !== undefined; due = this.schedule.popDue(now)) {
      const tx = this.pending.get(due.key)!;
      this.target.unanswered(due.key, this.seq);
      if (due.attempt === 'give-up') {
        this.forget(due.key);
        this.timedOut++;
        const e: TimedOutEvent = { kind: 'timed-out', tx };
        this.ctx.emit(e);
        if (this.config.arrival === 'closed') this.topUp();
        continue;
      }
      for (const h of this.config.replicaHosts) this.ctx.send(h, tx, this.requestBytes);
      this.schedule.retransmitted(due.key, due.attempt, now, tx.submittedUs);
    }
    this.armRetry();
  }

  private forget(seq: number): void {
    this.pending.delete(seq);
    if (this.replies.size > 0) this.replies.delete(seq);
  }

  /** One engine timer, at the earliest due entry; an earlier one replaces it. */
  private armRetry(): void {
    const dueUs = this.schedule.nextDueUs();
    if (dueUs >= this.retryTimerAtUs) return;
    if (this.retryTimer !== NO_TIMER) this.ctx.cancelTimer(this.retryTimer);
    this.retryTimer = NO_TIMER;
    this.retryTimerAtUs = Infinity;
    if (dueUs === Infinity) return;
    this.retryTimerAtUs = dueUs;
    this.retryTimer = this.ctx.setTimer(Math.max(0, dueUs - this.ctx.nowUs), TAG_RETRY);
  }
}
