/**
 * PBFT replica state shared by the protocol's parts (Castro & Liskov, OSDI 1999): the log of slots,
 * checkpoints, view-change messages, the mempool, timers; and the helpers for signing, sending and
 * charging CPU that every part uses.
 */
import type { ActorContext, HostId, TimerId } from '../../../sim/index.ts';
import { blockTxBytesMax } from '../../ledger/block.ts';
import { blockHashCostUs, CpuCharger, macCostUs, SIGNATURE_BYTES, type CryptoCosts, type SigningKey, type Verifier } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import { SequenceWindow } from '../../ledger/sequence-window.ts';
import type { Mempool } from '../../ledger/mempool.ts';
import { replicaMempool } from '../replica-mempool.ts';
import { TxAuthenticator } from '../../ledger/tx-authentication.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { ReplicaConfig, ReplicatedApplication } from '../types.ts';
import type { ReplyAuthentication } from '../reply.ts';
import {
  authenticatorBytes, pbftReplyAuthentication, prePrepareTerm, DIGEST_BYTES, PBFT_HEADER_BYTES, type Checkpoint, type NewView, type PbftMessage, type PrePrepare, type ViewChange,
} from './messages.ts';
import { PBFT_FAULT_MODEL } from './fault-model.ts';
import type { PbftParams } from './params.ts';
import { Slot } from './slot.ts';
import { FetchedBatches, type FetchRequest } from './state-transfer.ts';
import type { ExecutedStamp, Quorums } from './view-change.ts';

/** Timer tags (`ActorContext.setTimer`). */
export const TAG_BATCH = 1;
export const TAG_REQUEST = 2;
export const TAG_NEW_VIEW = 3;
export const TAG_STATUS = 4;
export const NO_TIMER = -1;
/** No request is being timed (transaction ids are non-negative). */
export const NO_REQUEST = -1;
/** Bound on messages held for a later view or a higher water mark. */
const DEFERRED_LIMIT = 100_000;

export interface PbftOptions {
  /** Certificate size; the fault model's quorum in PBFT. Only the deliberately broken variants in tests change it. */
  readonly quorum?: (n: number, f: number) => number;
}

/**
 * The replica's state and the helpers every part of the protocol uses. The protocol itself is
 * layered on top, one file per part: normal case (normal-case.ts), checkpoints and state transfer
 * (checkpoints.ts), view changes (view-change-protocol.ts), and message and timer dispatch
 * (replica.ts).
 */
export abstract class ReplicaCore {
  readonly index: number;
  readonly n: number;
  readonly f: number;
  readonly q: number;
  readonly params: PbftParams;
  readonly mempool: Mempool;
  /** Checks each transaction's signature or MAC once: at admission, or in the first pre-prepare that carries it. */
  readonly txAuth: TxAuthenticator;

  view = 0;
  /** False between sending a VIEW-CHANGE and accepting the NEW-VIEW (§4.4). */
  viewActive = true;
  /** Low water mark h: the last stable checkpoint this replica has reached (§4.3). */
  lowWater = 0;
  stableSeq = 0;
  lastExecuted = 0;

  protected readonly ctx: ActorContext<unknown>;
  protected readonly cpu: CpuCharger;
  protected readonly hosts: readonly HostId[];
  protected readonly indexOfHost = new Map<HostId, number>();
  protected readonly app: ReplicatedApplication;
  protected readonly costs: CryptoCosts;
  protected readonly key: SigningKey;
  protected readonly verifier: Verifier;
  protected readonly quorums: Quorums;
  protected readonly batchSize: number;
  protected readonly batchTimeoutUs: number;
  protected readonly blockTxBytesMax: number;
  protected readonly authBytes: number;
  /** How this replica authenticates its replies to clients (one MAC or a signature, messages.ts). */
  protected readonly replyAuth: ReplyAuthentication;
  /** Wire size of a PREPARE or COMMIT; a PRE-PREPARE adds its batch. */
  protected readonly voteBytes: number;

  protected readonly slots = new Map<number, Slot>();
  /** Slots the log has discarded, cleared, for the next sequence numbers to reuse (slot.ts). */
  private readonly freeSlots: Slot[] = [];
  protected readonly checkpoints = new Map<number, (Checkpoint | undefined)[]>();
  protected stableProof: readonly Checkpoint[] = [];
  protected readonly viewChanges = new Map<number, (ViewChange | undefined)[]>();
  /**
   * Messages held for later, oldest first from `deferredHead`; once `DEFERRED_LIMIT` are held the
   * oldest is dropped for each new one. A head index rather than `shift()`, which moved the whole
   * array for every message held: a replica below its peers' water marks, flooded with their
   * later messages, spent 70 % of a run there.
   */
  private deferred: { from: HostId; msg: PbftMessage }[] = [];
  private deferredHead = 0;
  /**
   * Requests received from clients that have not executed yet (§4.4 "waiting for a request"), in
   * arrival order, so the oldest is the first key.
   */
  protected readonly waitingRequests = new Set<number>();
  /**
   * Client requests received while no view was active, so not yet relayed to a primary (§4.1): the
   * next view's primary gets them once this replica enters that view.
   */
  protected unrelayedRequests: Transaction[] = [];
  /**
   * What the request timer is timing (§4.4): a waiting request's id, or NO_REQUEST and then the
   * pre-prepared sequence number `timedSeq`. Executing other batches leaves the timer running, so
   * a request the primary withholds times out however much other traffic executes.
   */
  protected timedRequest = NO_REQUEST;
  protected timedSeq = 0;
  protected lastPrePrepared = 0;
  protected nextSeq = 1;
  protected headHash = ZERO_HASH;
  protected lastBlockHash = ZERO_HASH;
  /**
   * Views in a row that ended without this replica executing a request it had not executed before;
   * the view-change timeout doubles with each (§4.5.2).
   */
  protected failedViews = 0;
  /** Whether this replica has executed a batch since it entered the current view. */
  protected executedInView = true;
  /**
   * Executed batches kept for lagging replicas' state transfer (`stateTransferWindow` below the low
   * water mark), by height. Batches execute at consecutive heights from 1 (§4.1), so a ring of one
   * array slot per height holds them: a Map's table cost each of 16 replicas 0.44 MB at the default
   * window of 4,096, a quarter of a PBFT n = 16 run's live heap.
   */
  protected readonly executedBlocks = new SequenceWindow<Block>(1);
  /** The latest stamped (non-null) batch executed: the block-time floor once its batch is discarded (view-change.ts stampFloorUs). */
  protected latestExecutedStamp: ExecutedStamp | undefined;
  protected readonly fetched: FetchedBatches;
  protected lastFetchUs = -Infinity;
  /** The NEW-VIEW this replica sent as primary of the current view, for replicas that missed it. */
  protected lastNewView: NewView | undefined;
  protected batchTimer: TimerId = NO_TIMER;
  protected requestTimer: TimerId = NO_TIMER;
  protected newViewTimer: TimerId = NO_TIMER;
  /** The timer on the next batch to execute while later ones are known (status.ts). */
  protected statusTimer: TimerId = NO_TIMER;
  /** The sequence number the status timer times. */
  protected statusSeq = 0;
  /** The highest sequence number of a current-view PRE-PREPARE, PREPARE or COMMIT this replica has accepted or sent. */
  protected knownSeq = 0;

  constructor(ctx: ActorContext<unknown>, config: ReplicaConfig<PbftParams>, app: ReplicatedApplication, options: PbftOptions = {}) {
    if (config.signingKey === undefined || config.verifier === undefined) {
      throw new Error('PBFT replica: ReplicaConfig.signingKey and verifier are required (the run model issues them)');
    }
    this.ctx = ctx;
    this.cpu = new CpuCharger(ctx);
    this.hosts = config.replicaHosts;
    this.hosts.forEach((h, i) => this.indexOfHost.set(h, i));
    this.index = config.index;
    this.n = this.hosts.length;
    this.f = PBFT_FAULT_MODEL.maxFaulty(this.n);
    this.q = options.quorum?.(this.n, this.f) ?? PBFT_FAULT_MODEL.quorum(this.n);
    this.params = config.params;
    this.app = app;
    this.costs = config.crypto;
    this.key = config.signingKey;
    this.verifier = config.verifier;
    this.quorums = { n: this.n, f: this.f, q: this.q, hosts: this.hosts, logWindow: this.params.logWindow };
    this.batchSize = config.batchSize;
    this.batchTimeoutUs = config.batchTimeoutUs;
    this.blockTxBytesMax = blockTxBytesMax(config.blockSizeMaxBytes);
    this.mempool = replicaMempool(config.mempool, ctx);
    this.txAuth = new TxAuthenticator(ctx, config.txAuth, config.crypto);
    this.authBytes = this.params.auth === 'macs' ? authenticatorBytes(this.n) : SIGNATURE_BYTES;
    this.replyAuth = pbftReplyAuthentication(this.params.auth);
    this.voteBytes = PBFT_HEADER_BYTES + DIGEST_BYTES + this.authBytes;
    this.fetched = new FetchedBatches(this.f + 1);
  }

  /** Sequence numbers held in the log (bounded by the water marks once checkpoints are stable). */
  get logSize(): number {
    return this.slots.size;
  }

  get isPrimary(): boolean {
    return this.view % this.n === this.index;
  }

  primaryHost(view = this.view): HostId {
    return this.hosts[view % this.n]!;
  }

  // ---- helpers ----

  /**
   * Whether a normal-case message can be processed now. Messages for a later view, for the view
   * being installed, or above the high water mark are held and replayed later; older ones are dropped.
   */
  protected acceptableNow(from: HostId, m: PbftMessage, view: number, seq: number): boolean {
    if (view < this.view || seq <= this.lowWater) return false;
    if (view > this.view || !this.viewActive || seq > this.lowWater + this.params.logWindow) {
      // Above the high water mark in this view: the others are ahead, which a STATUS will report.
      if (view === this.view && this.viewActive) this.learnSeq(seq);
      if (this.deferred.length - this.deferredHead >= DEFERRED_LIMIT) this.deferredHead++;
      if (this.deferredHead >= DEFERRED_LIMIT) {
        this.deferred = this.deferred.slice(this.deferredHead);
        this.deferredHead = 0;
      }
      this.deferred.push({ from, msg: m });
      return false;
    }
    return true;
  }

  /** A current-view message names `seq`: a replica that has not executed up to it waits (status.ts). */
  protected learnSeq(seq: number): void {
    if (seq <= this.knownSeq) return;
    this.knownSeq = seq;
    if (this.statusTimer === NO_TIMER) this.refreshStatusTimer();
  }

  /** In status.ts: a replica times its next batch to execute while it knows of later ones. */
  protected abstract refreshStatusTimer(): void;

  protected replayDeferred(): void {
    if (this.deferred.length === this.deferredHead || !this.viewActive) return;
    const pending = this.deferred;
    const head = this.deferredHead;
    this.deferred = [];
    this.deferredHead = 0;
    for (let i = head; i < pending.length; i++) this.onMessage(pending[i]!.from, pending[i]!.msg);
  }

  protected slot(seq: number): Slot {
    let s = this.slots.get(seq);
    if (s === undefined) {
      s = this.freeSlots.pop() ?? new Slot(this.n);
      this.slots.set(seq, s);
    }
    return s;
  }

  /**
   * Discard `seq`'s slot from the log. Its object is cleared and serves a later sequence number:
   * no caller may keep using a slot once it has been dropped.
   */
  protected dropSlot(seq: number, slot: Slot): void {
    this.slots.delete(seq);
    slot.clear();
    this.freeSlots.push(slot);
  }

  protected signPrePrepare(view: number, seq: number, block: Block): PrePrepare {
    return Object.freeze({ kind: 'pbft-pre-prepare', view, seq, digest: block.hash, block, replica: this.index, sig: this.sign(prePrepareTerm(view, seq, block.hash)) });
  }

  protected sign(term: string) {
    return this.key.sign(this.verifier.digest(term));
  }

  /** Send to every other replica, charging one authenticator (n − 1 MACs) or one signature. */
  protected multicast(m: PbftMessage | FetchRequest, sizeBytes: number): void {
    this.cpu.charge(this.sendCost(this.n - 1));
    for (let j = 0; j < this.n; j++) if (j !== this.index) this.ctx.send(this.hosts[j]!, m, sizeBytes);
  }

  protected sendCost(receivers: number): number {
    return this.params.auth === 'macs' ? macCostUs(this.costs) * receivers : this.costs.signUs;
  }

  protected verifyCost(): number {
    return this.params.auth === 'macs' ? macCostUs(this.costs) : this.costs.verifyUs;
  }

  protected blockHashCost(block: Block): number {
    return blockHashCostUs(this.costs, block.txs.length, block.sizeBytes);
  }

  protected viewChangeTimeout(): number {
    return this.params.viewChangeTimeout * 2 ** Math.min(this.failedViews, 16);
  }

  protected cancelTimer(which: 'batch' | 'request' | 'newView' | 'status'): void {
    const id = which === 'batch' ? this.batchTimer : which === 'request' ? this.requestTimer : which === 'newView' ? this.newViewTimer : this.statusTimer;
    if (id !== NO_TIMER) this.ctx.cancelTimer(id);
    if (which === 'batch') this.batchTimer = NO_TIMER;
    else if (which === 'request') this.requestTimer = NO_TIMER;
    else if (which === 'newView') this.newViewTimer = NO_TIMER;
    else this.statusTimer = NO_TIMER;
  }

  /** Dispatch (replica.ts); messages held for later are replayed through it. */
  abstract onMessage(from: HostId, msg: unknown): void;
}
