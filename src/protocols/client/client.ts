/**
 * A load-generating client: submits transactions with Poisson (or periodic) arrivals, sends each
 * to the replica it believes leads, and confirms a transaction once `repliesNeeded` replicas sent
 * matching replies (same height and block hash): f + 1 for PBFT, so at least one is honest
 * (Castro & Liskov 1999, §4.1). An unconfirmed request is rebroadcast to every replica after
 * `requestTimeoutUs` (§4.1), which is also what lets backups notice a silent primary.
 */
import type { Actor, ActorContext, HostId, TimerId } from '../../../sim/index.ts';
import { exponential } from '../../../sim/index.ts';
import { txId, txSeq, txSender, type Transaction } from '../../ledger/types.ts';
import type { ConfirmedEvent, ReplyMessage, RequestMessage, SubmitEvent } from '../types.ts';

export interface ClientConfig {
  readonly replicaHosts: readonly HostId[];
  readonly repliesNeeded: number;
  /** This client's offered load, transactions per second. */
  readonly rateTps: number;
  readonly arrival: 'poisson' | 'periodic';
  readonly txSizeBytes: number;
  readonly requestTimeoutUs: number;
  /** Stop submitting at this time; Infinity for never. */
  readonly stopAtUs: number;
  /** Request header bytes on top of the transaction. */
  readonly requestOverheadBytes?: number;
}

const TAG_ARRIVAL = 1;
const TAG_RETRY = 2;
const NO_TIMER = -1;

interface Pending {
  readonly tx: Transaction;
  lastSentUs: number;
  readonly repliedBy: HostId[];
  readonly replyHashes: string[];
}

export class LoadClient implements Actor<unknown> {
  submitted = 0;
  confirmed = 0;
  private seq = 0;
  private target: HostId;
  /** Unconfirmed transactions by sequence number (small integers keep the map fast), in send order. */
  private readonly pending = new Map<number, Pending>();
  private retryTimer: TimerId = NO_TIMER;
  private readonly meanGapUs: number;
  private readonly requestBytes: number;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly config: ClientConfig) {
    if (config.replicaHosts.length === 0) throw new RangeError('client: at least one replica is needed');
    this.target = config.replicaHosts[0]!;
    this.meanGapUs = config.rateTps > 0 ? 1e6 / config.rateTps : Infinity;
    this.requestBytes = config.txSizeBytes + (config.requestOverheadBytes ?? 64);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  onStart(): void {
    this.scheduleArrival();
  }

  onTimer(tag: number): void {
    if (tag === TAG_ARRIVAL) {
      this.submit();
      this.scheduleArrival();
    } else if (tag === TAG_RETRY) {
      this.retryTimer = NO_TIMER;
      this.retransmit();
    }
  }

  onRecover(): void {
    this.retryTimer = NO_TIMER;
    this.scheduleArrival();
    this.armRetry();
  }

  onMessage(from: HostId, msg: unknown): void {
    const r = msg as ReplyMessage;
    if (r.kind !== 'reply') return;
    if (r.leader !== undefined) this.target = r.leader;
    if (txSender(r.txId) !== this.ctx.self) return;
    const seq = txSeq(r.txId);
    const p = this.pending.get(seq);
    if (p === undefined || r.replica !== from || p.repliedBy.includes(from)) return;
    p.repliedBy.push(from);
    p.replyHashes.push(r.blockHash);
    let matching = 0;
    for (const h of p.replyHashes) if (h === r.blockHash) matching++;
    if (matching < this.config.repliesNeeded) return;
    this.pending.delete(seq);
    this.confirmed++;
    const e: ConfirmedEvent = { kind: 'confirmed', tx: p.tx, height: r.height };
    this.ctx.emit(e);
  }

  private scheduleArrival(): void {
    if (this.meanGapUs === Infinity) return;
    const gap = this.config.arrival === 'poisson' ? exponential(this.ctx.rng, this.meanGapUs) : this.meanGapUs;
    if (this.ctx.nowUs + gap >= this.config.stopAtUs) return;
    this.ctx.setTimer(gap, TAG_ARRIVAL);
  }

  private submit(): void {
    const seq = this.seq++;
    const id = txId(this.ctx.self, seq);
    // Synthetic load carries no payload; its digest stands for the transaction's own id.
    const tx: Transaction = Object.freeze({
      id, sender: this.ctx.self, sizeBytes: this.config.txSizeBytes, payloadDigest: id.toString(16).padStart(64, '0'), submittedUs: this.ctx.nowUs,
    });
    this.submitted++;
    this.pending.set(seq, { tx, lastSentUs: this.ctx.nowUs, repliedBy: [], replyHashes: [] });
    const e: SubmitEvent = { kind: 'submit', tx };
    this.ctx.emit(e);
    const req: RequestMessage = { kind: 'request', tx };
    this.ctx.send(this.target, req, this.requestBytes);
    this.armRetry();
  }

  /** Rebroadcast every request unconfirmed for a timeout, oldest first (pending keeps send order). */
  private retransmit(): void {
    const now = this.ctx.nowUs;
    const due: Pending[] = [];
    for (const p of this.pending.values()) {
      if (now - p.lastSentUs < this.config.requestTimeoutUs) break;
      due.push(p);
    }
    for (const p of due) {
      const seq = txSeq(p.tx.id);
      this.pending.delete(seq);
      p.lastSentUs = now;
      this.pending.set(seq, p);
      const req: RequestMessage = { kind: 'request', tx: p.tx };
      for (const h of this.config.replicaHosts) this.ctx.send(h, req, this.requestBytes);
    }
    this.armRetry();
  }

  private armRetry(): void {
    if (this.retryTimer !== NO_TIMER) return;
    const oldest = this.pending.values().next();
    if (oldest.done === true) return;
    const wait = Math.max(0, oldest.value.lastSentUs + this.config.requestTimeoutUs - this.ctx.nowUs);
    this.retryTimer = this.ctx.setTimer(wait, TAG_RETRY);
  }
}
