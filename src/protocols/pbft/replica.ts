/**
 * A PBFT replica (Castro & Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999) as a sans-I/O
 * actor. Each handler names the section it implements. n = 3f + 1 replicas; replica i is the
 * primary of view v when i = v mod n (§4.1). Sequence numbers are block heights: the primary
 * orders one batch of requests (a block) per sequence number.
 *
 * Authentication: every message carries a signature from the crypto model, verified by
 * recomputing the digest of its fields; the CPU charged is that of MAC authenticators in the
 * normal case (`auth: macs`, §5) or of signatures (`auth: signatures`). View changes are signed.
 */
import type { Actor, ActorContext, HostId, TimerId } from '../../../sim/index.ts';
import { blockHashOperations, buildBlock, verifyBlock, BLOCK_HEADER_BYTES } from '../../ledger/block.ts';
import { CpuCharger, hashCostUs, macCostUs, type CryptoCosts, type SigningKey, type Verifier } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { MempoolDropEvent, MempoolEvent } from '../../ledger/events.ts';
import { Mempool, mempoolOptionsFrom, type MempoolOptions } from '../../ledger/mempool.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { CommitEvent, ReplicaConfig, ReplicatedApplication, ReplyMessage, RequestMessage, ViewChangeEvent } from '../types.ts';
import {
  authenticatorBytes, checkpointTerm, checkpointTermOf, commitTerm, commitTermOf, newViewTerm, prePrepareTerm, prePrepareTermOf, prepareTerm, prepareTermOf, viewChangeTerm,
  DIGEST_BYTES, PBFT_HEADER_BYTES, REPLY_BYTES, SIGNATURE_BYTES,
  type Checkpoint, type Commit, type NewView, type PbftMessage, type PrePrepare, type Prepare, type PreparedProof, type ViewChange,
} from './messages.ts';
import { pbftParams, type PbftParams } from './params.ts';
import { Slot } from './slot.ts';
import { FetchedBatches, type FetchReply, type FetchRequest } from './state-transfer.ts';
import { computeNewViewOrder, validViewChange, viewChangeSignatures, type OrderedBatch, type Quorums } from './view-change.ts';

const TAG_BATCH = 1;
const TAG_REQUEST = 2;
const TAG_NEW_VIEW = 3;
const NO_TIMER = -1;
/** No request is being timed (transaction ids are non-negative). */
const NO_REQUEST = -1;
/** Most batches in one state-transfer reply; a replica further behind fetches again. */
const FETCH_BATCHES_MAX = 256;
/** Bound on messages held for a later view or a higher water mark. */
const DEFERRED_LIMIT = 100_000;

export interface PbftOptions {
  /** Certificate size; 2f + 1 in PBFT. Only the deliberately broken variant in tests changes it. */
  readonly quorum?: (n: number, f: number) => number;
  readonly mempool?: MempoolOptions;
}

export class PbftReplica implements Actor<unknown> {
  readonly index: number;
  readonly n: number;
  readonly f: number;
  readonly q: number;
  readonly params: PbftParams;
  readonly mempool: Mempool;

  view = 0;
  /** False between sending a VIEW-CHANGE and accepting the NEW-VIEW (§4.4). */
  viewActive = true;
  /** Low water mark h: the last stable checkpoint this replica has reached (§4.3). */
  lowWater = 0;
  stableSeq = 0;
  lastExecuted = 0;

  private readonly ctx: ActorContext<unknown>;
  private readonly cpu: CpuCharger;
  private readonly hosts: readonly HostId[];
  private readonly indexOfHost = new Map<HostId, number>();
  private readonly app: ReplicatedApplication;
  private readonly costs: CryptoCosts;
  private readonly key: SigningKey;
  private readonly verifier: Verifier;
  private readonly quorums: Quorums;
  private readonly batchSize: number;
  private readonly batchTimeoutUs: number;
  private readonly blockTxBytesMax: number;
  private readonly authBytes: number;

  private readonly slots = new Map<number, Slot>();
  private readonly checkpoints = new Map<number, (Checkpoint | undefined)[]>();
  private stableProof: readonly Checkpoint[] = [];
  private readonly viewChanges = new Map<number, (ViewChange | undefined)[]>();
  private deferred: { from: HostId; msg: PbftMessage }[] = [];
  /**
   * Requests received from clients that have not executed yet (§4.4 "waiting for a request"), in
   * arrival order, so the oldest is the first key.
   */
  private readonly waitingRequests = new Set<number>();
  /**
   * What the request timer is timing (§4.4): a waiting request's id, or NO_REQUEST and then the
   * pre-prepared sequence number `timedSeq`. Executing other batches leaves the timer running, so
   * a request the primary withholds times out however much other traffic executes.
   */
  private timedRequest = NO_REQUEST;
  private timedSeq = 0;
  private lastPrePrepared = 0;
  private nextSeq = 1;
  private headHash = ZERO_HASH;
  private lastBlockHash = ZERO_HASH;
  private failedViews = 0;
  /** Executed batches kept for lagging replicas' state transfer (`stateTransferWindow` below the low water mark). */
  private readonly executedBlocks = new Map<number, Block>();
  private readonly fetched: FetchedBatches;
  private lastFetchUs = -Infinity;
  /** The NEW-VIEW this replica sent as primary of the current view, for replicas that missed it. */
  private lastNewView: NewView | undefined;
  private batchTimer: TimerId = NO_TIMER;
  private requestTimer: TimerId = NO_TIMER;
  private newViewTimer: TimerId = NO_TIMER;

  constructor(ctx: ActorContext<unknown>, config: ReplicaConfig, app: ReplicatedApplication, options: PbftOptions = {}) {
    if (config.signingKey === undefined || config.verifier === undefined) {
      throw new Error('PBFT replica: ReplicaConfig.signingKey and verifier are required (the run model issues them)');
    }
    this.ctx = ctx;
    this.cpu = new CpuCharger(ctx);
    this.hosts = config.replicaHosts;
    this.hosts.forEach((h, i) => this.indexOfHost.set(h, i));
    this.index = config.index;
    this.n = this.hosts.length;
    this.f = Math.floor((this.n - 1) / 3);
    this.q = options.quorum?.(this.n, this.f) ?? 2 * this.f + 1;
    this.params = pbftParams(config.params);
    this.app = app;
    this.costs = config.crypto;
    this.key = config.signingKey;
    this.verifier = config.verifier;
    this.quorums = { n: this.n, f: this.f, q: this.q, hosts: this.hosts, logWindow: this.params.logWindow };
    this.batchSize = config.batchSize;
    this.batchTimeoutUs = config.batchTimeoutUs;
    this.blockTxBytesMax = config.blockSizeMaxBytes - BLOCK_HEADER_BYTES;
    this.mempool = new Mempool(options.mempool ?? mempoolOptionsFrom(config.params));
    this.authBytes = this.params.auth === 'macs' ? authenticatorBytes(this.n) : SIGNATURE_BYTES;
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

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as PbftMessage | RequestMessage | FetchRequest | FetchReply;
    switch (m.kind) {
      case 'request': return this.onRequest(from, m.tx);
      case 'pbft-pre-prepare': return this.onPrePrepare(from, m);
      case 'pbft-prepare': return this.onPrepare(from, m);
      case 'pbft-commit': return this.onCommit(from, m);
      case 'pbft-checkpoint': return this.onCheckpoint(from, m);
      case 'pbft-view-change': return this.onViewChange(from, m);
      case 'pbft-new-view': return this.onNewView(from, m);
      case 'pbft-fetch': return this.onFetch(from, m);
      case 'pbft-blocks': return this.onBlocks(from, m);
      default: return;
    }
  }

  onTimer(tag: number): void {
    if (tag === TAG_BATCH) {
      this.batchTimer = NO_TIMER;
      if (this.canPropose()) this.propose();
      this.maybePropose();
    } else if (tag === TAG_REQUEST) {
      this.requestTimer = NO_TIMER;
      // Behind a stable checkpoint, the delay is ours: fetch the state instead of suspecting the primary.
      if (this.stableSeq > this.lastExecuted) {
        this.maybeFetch();
        this.startRequestTimer();
        return;
      }
      // §4.4: the timer expired while waiting for a request to execute: suspect the primary.
      if (this.viewActive && this.isWaiting()) this.startViewChange(this.view + 1);
    } else if (tag === TAG_NEW_VIEW) {
      this.newViewTimer = NO_TIMER;
      if (this.viewActive) return;
      // §4.5.2: q replicas wanted this view but no NEW-VIEW came: try the next, waiting twice as long.
      if (this.viewChangeCount(this.view) >= this.q) {
        this.failedViews++;
        this.startViewChange(this.view + 1);
        return;
      }
      // Fewer than q joined (messages lost, or a partition): retransmit ours, as PBFT's
      // implementation does for every message it must eventually deliver (§5).
      const mine = this.viewChanges.get(this.view)?.[this.index];
      if (mine !== undefined) this.sendViewChange(mine);
      this.newViewTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_NEW_VIEW);
    }
  }

  /** A crash lost the timers (the log survives, as on stable storage). */
  onRecover(): void {
    this.batchTimer = this.requestTimer = this.newViewTimer = NO_TIMER;
    if (this.viewActive) {
      this.maybePropose();
      this.refreshRequestTimer();
    } else {
      this.newViewTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_NEW_VIEW);
    }
  }

  // ---- §4.1: client requests ----

  private onRequest(from: HostId, tx: Transaction): void {
    this.cpu.charge(this.verifyCost());
    if (this.mempool.isCommitted(tx.id) || tx.sizeBytes > this.blockTxBytesMax) return;
    const result = this.mempool.add(tx, tx.priority ?? 0);
    if (result === 'fullTxs' || result === 'fullBytes') {
      const drop: MempoolDropEvent = { kind: 'mempool-drop', reason: result, txId: tx.id };
      this.ctx.emit(drop);
    }
    const fromReplica = this.indexOfHost.has(from);
    if (this.isPrimary && this.viewActive) {
      this.maybePropose();
    } else if (!fromReplica) {
      // §4.1: a backup relays a client's (re)broadcast request to the primary and waits for it.
      if (result === 'added' && this.viewActive) {
        this.cpu.charge(this.sendCost(1));
        this.ctx.send(this.primaryHost(), { kind: 'request', tx } satisfies RequestMessage, PBFT_HEADER_BYTES + tx.sizeBytes + this.authBytes);
      }
      this.waitingRequests.add(tx.id);
      this.startRequestTimer();
    }
  }

  // ---- §4.2: normal-case operation at the primary ----

  private canPropose(): boolean {
    return this.isPrimary && this.viewActive && this.mempool.sizeTxs > 0 && this.nextSeq <= this.lowWater + this.params.logWindow;
  }

  /** Cut full batches now; a partial batch waits for the batch timeout (batching, §5.1 of the BFT library's design). */
  private maybePropose(): void {
    while (this.canPropose() && this.mempool.sizeTxs >= this.batchSize) this.propose();
    if (this.canPropose() && this.batchTimer === NO_TIMER) this.batchTimer = this.ctx.setTimer(this.batchTimeoutUs, TAG_BATCH);
  }

  private propose(): void {
    const occupancy: MempoolEvent = { kind: 'mempool', sizeTxs: this.mempool.sizeTxs, sizeBytes: this.mempool.sizeBytes };
    this.ctx.emit(occupancy);
    const txs = this.mempool.take(this.batchSize, this.blockTxBytesMax);
    if (txs.length === 0) return;
    const seq = this.nextSeq++;
    const block = buildBlock({ parentHash: this.headHash, height: seq, proposer: this.ctx.self, timestampUs: this.ctx.nowUs, txs });
    this.cpu.charge(this.blockHashCost(block));
    this.headHash = block.hash;
    const pp = this.signPrePrepare(this.view, seq, block);
    this.slot(seq).accept(pp);
    this.lastPrePrepared = Math.max(this.lastPrePrepared, seq);
    this.multicast(pp, PBFT_HEADER_BYTES + DIGEST_BYTES + this.authBytes + block.sizeBytes);
    if (this.batchTimer !== NO_TIMER && this.mempool.sizeTxs === 0) {
      this.ctx.cancelTimer(this.batchTimer);
      this.batchTimer = NO_TIMER;
    }
  }

  // ---- §4.2: pre-prepare, prepare, commit at the backups ----

  private onPrePrepare(from: HostId, m: PrePrepare): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || i !== m.view % this.n) return;
    if (!this.acceptableNow(from, m, m.view, m.seq)) return;
    this.cpu.charge(this.verifyCost() + this.blockHashCost(m.block));
    if (!this.verifier.verifyMessage(m, m.sig, from, prePrepareTermOf)) return;
    if (m.block.hash !== m.digest || m.block.height !== m.seq || !verifyBlock(m.block)) return;
    const slot = this.slot(m.seq);
    // §4.2: never accept two pre-prepares for the same view and sequence number with different digests.
    if (slot.prePrepare !== undefined && slot.view === m.view) return;
    slot.accept(m);
    this.lastPrePrepared = Math.max(this.lastPrePrepared, m.seq);
    const prepare: Prepare = Object.freeze({ kind: 'pbft-prepare', view: m.view, seq: m.seq, digest: m.digest, replica: this.index, sig: this.sign(prepareTerm(m.view, m.seq, m.digest, this.index)) });
    slot.prepares[this.index] = prepare;
    this.multicast(prepare, PBFT_HEADER_BYTES + DIGEST_BYTES + this.authBytes);
    this.startRequestTimer();
    this.checkPrepared(slot);
  }

  private onPrepare(from: HostId, m: Prepare): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || i === m.view % this.n) return;
    if (!this.acceptableNow(from, m, m.view, m.seq)) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, prepareTermOf)) return;
    const slot = this.slot(m.seq);
    const prev = slot.prepares[i];
    if (prev === undefined || prev.view < m.view) slot.prepares[i] = m;
    this.checkPrepared(slot);
  }

  /** prepared(m, v, n, i): the pre-prepare and 2f matching prepares from distinct backups (§4.2). */
  private checkPrepared(slot: Slot): void {
    if (slot.prepared || slot.prePrepare === undefined || slot.matchingPrepares() < this.q - 1) return;
    slot.prepared = true;
    slot.proof = slot.makeProof();
    const { view, seq, digest } = slot.prePrepare;
    const commit: Commit = Object.freeze({ kind: 'pbft-commit', view, seq, digest, replica: this.index, sig: this.sign(commitTerm(view, seq, digest, this.index)) });
    slot.commits[this.index] = commit;
    this.multicast(commit, PBFT_HEADER_BYTES + DIGEST_BYTES + this.authBytes);
    this.checkCommitted(slot);
  }

  private onCommit(from: HostId, m: Commit): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i) return;
    if (!this.acceptableNow(from, m, m.view, m.seq)) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, commitTermOf)) return;
    const slot = this.slot(m.seq);
    const prev = slot.commits[i];
    if (prev === undefined || prev.view < m.view) slot.commits[i] = m;
    this.checkCommitted(slot);
  }

  /** committed-local(m, v, n, i): prepared and 2f + 1 matching commits, possibly its own (§4.2). */
  private checkCommitted(slot: Slot): void {
    if (slot.committed || !slot.prepared || slot.matchingCommits() < this.q) return;
    slot.committed = true;
    this.executeReady();
  }

  /** §4.1, §4.2: execute in sequence-number order once every lower number has executed. */
  private executeReady(): void {
    for (;;) {
      const next = this.lastExecuted + 1;
      const slot = this.slots.get(next);
      const block = slot !== undefined && slot.committed ? slot.block : this.fetched.size > 0 ? this.fetched.certified(next) : undefined;
      if (block === undefined) break;
      this.execute(block);
    }
    if (this.fetched.size > 0) this.fetched.dropThrough(this.lastExecuted);
    this.refreshRequestTimer();
    this.advanceLowWater();
  }

  private execute(block: Block): void {
    const now = this.ctx.nowUs;
    const txs = block.txs;
    for (let k = 0; k < txs.length; k++) {
      const tx = txs[k]!;
      this.app.execute(tx, block, now);
      this.mempool.markCommitted(tx);
      if (this.waitingRequests.size > 0) this.waitingRequests.delete(tx.id);
    }
    this.lastExecuted = block.height;
    this.lastBlockHash = block.hash;
    this.executedBlocks.set(block.height, block);
    if (this.nextSeq <= block.height) {
      this.nextSeq = block.height + 1;
      this.headHash = block.hash;
    }
    const commit: CommitEvent = { kind: 'commit', block };
    this.ctx.emit(commit);
    // §4.1: reply to each client; the client waits for f + 1 matching replies.
    const leader = this.primaryHost();
    for (let k = 0; k < txs.length; k++) {
      const tx = txs[k]!;
      this.cpu.charge(this.sendCost(1));
      const reply: ReplyMessage = { kind: 'reply', txId: tx.id, height: block.height, blockHash: block.hash, replica: this.ctx.self, leader };
      this.ctx.send(tx.sender, reply, REPLY_BYTES + this.authBytes);
    }
    if (block.height % this.params.checkpointInterval === 0) this.sendCheckpoint(block.height);
  }

  // ---- §4.3: checkpoints and garbage collection ----

  private sendCheckpoint(seq: number): void {
    const stateDigest = this.verifier.digest(`${this.lastBlockHash}|${this.app.stateDigest()}`);
    const m: Checkpoint = Object.freeze({ kind: 'pbft-checkpoint', seq, stateDigest, replica: this.index, sig: this.sign(checkpointTerm(seq, stateDigest, this.index)) });
    this.multicast(m, PBFT_HEADER_BYTES + 2 * DIGEST_BYTES + this.authBytes);
    this.recordCheckpoint(m);
  }

  private onCheckpoint(from: HostId, m: Checkpoint): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || m.seq <= this.stableSeq) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, checkpointTermOf)) return;
    this.recordCheckpoint(m);
  }

  private recordCheckpoint(m: Checkpoint): void {
    let list = this.checkpoints.get(m.seq);
    if (list === undefined) {
      list = new Array<Checkpoint | undefined>(this.n);
      this.checkpoints.set(m.seq, list);
    }
    list[m.replica] = m;
    const matching = list.filter((c): c is Checkpoint => c !== undefined && c.stateDigest === m.stateDigest);
    // A checkpoint with a proof of q matching messages is stable (§4.3).
    if (matching.length >= this.q && m.seq > this.stableSeq) {
      this.stableSeq = m.seq;
      this.stableProof = matching;
      for (const s of [...this.checkpoints.keys()]) if (s <= m.seq) this.checkpoints.delete(s);
      this.advanceLowWater();
      this.maybeFetch();
    }
  }

  /** Discard log entries at or below the stable checkpoint once this replica has executed it. */
  private advanceLowWater(): void {
    if (this.stableSeq <= this.lowWater || this.lastExecuted < this.stableSeq) return;
    this.lowWater = this.stableSeq;
    for (const s of [...this.slots.keys()]) if (s <= this.lowWater) this.slots.delete(s);
    const keepFrom = this.lowWater - this.params.stateTransferWindow;
    for (const s of this.executedBlocks.keys()) {
      if (s > keepFrom) break;
      this.executedBlocks.delete(s);
    }
    this.replayDeferred();
    this.maybePropose();
  }

  // ---- §4.3: state transfer for a replica behind the stable checkpoint ----

  private maybeFetch(): void {
    if (this.stableSeq <= this.lastExecuted || this.ctx.nowUs - this.lastFetchUs < this.params.viewChangeTimeoutUs) return;
    this.lastFetchUs = this.ctx.nowUs;
    const req: FetchRequest = { kind: 'pbft-fetch', fromSeq: this.lastExecuted + 1, toSeq: this.stableSeq, replica: this.index };
    this.multicast(req, PBFT_HEADER_BYTES + 8 + this.authBytes);
  }

  private onFetch(from: HostId, m: FetchRequest): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i) return;
    this.cpu.charge(this.verifyCost());
    const blocks: Block[] = [];
    let size = PBFT_HEADER_BYTES + this.authBytes;
    const last = Math.min(m.toSeq, this.lastExecuted, m.fromSeq + FETCH_BATCHES_MAX - 1);
    for (let s = m.fromSeq; s <= last; s++) {
      const b = this.executedBlocks.get(s);
      if (b === undefined) continue;
      blocks.push(b);
      size += b.sizeBytes;
    }
    if (blocks.length === 0) return;
    this.cpu.charge(this.sendCost(1));
    const reply: FetchReply = { kind: 'pbft-blocks', blocks, replica: this.index };
    this.ctx.send(from, reply, size);
  }

  private onBlocks(from: HostId, m: FetchReply): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i) return;
    this.cpu.charge(this.verifyCost());
    for (const b of m.blocks) {
      if (b.height <= this.lastExecuted) continue;
      this.cpu.charge(this.blockHashCost(b));
      if (verifyBlock(b)) this.fetched.offer(i, b);
    }
    const before = this.lastExecuted;
    this.executeReady();
    // Progress, but still behind the stable checkpoint: ask for the next stretch right away.
    if (this.lastExecuted > before && this.stableSeq > this.lastExecuted) {
      this.lastFetchUs = -Infinity;
      this.maybeFetch();
    }
  }

  // ---- §4.4: view changes ----

  private startViewChange(target: number): void {
    if (target <= this.view) return;
    this.view = target;
    this.viewActive = false;
    this.cancelTimer('batch');
    this.cancelTimer('request');
    this.cancelTimer('newView');
    const prepared: PreparedProof[] = [];
    for (const [seq, slot] of this.slots) if (seq > this.stableSeq && slot.proof !== undefined) prepared.push(slot.proof);
    prepared.sort((a, b) => a.prePrepare.seq - b.prePrepare.seq);
    const body = { newView: target, stableSeq: this.stableSeq, checkpointProof: this.stableProof, prepared, replica: this.index };
    this.cpu.charge(this.costs.signUs);
    const vc: ViewChange = Object.freeze({ kind: 'pbft-view-change', ...body, sig: this.key.sign(this.verifier.digest(viewChangeTerm(body))) });
    this.sendViewChange(vc);
    this.newViewTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_NEW_VIEW);
    this.recordViewChange(vc);
    this.replayDeferred();
  }

  private sendViewChange(vc: ViewChange): void {
    let size = PBFT_HEADER_BYTES + SIGNATURE_BYTES + vc.checkpointProof.length * (PBFT_HEADER_BYTES + DIGEST_BYTES + SIGNATURE_BYTES);
    for (const p of vc.prepared) size += p.prePrepare.block.sizeBytes + (1 + p.prepares.length) * (PBFT_HEADER_BYTES + DIGEST_BYTES + SIGNATURE_BYTES);
    for (let j = 0; j < this.n; j++) if (j !== this.index) this.ctx.send(this.hosts[j]!, vc, size);
  }

  private viewChangeCount(view: number): number {
    const list = this.viewChanges.get(view);
    return list === undefined ? 0 : list.reduce((c, x) => c + (x === undefined ? 0 : 1), 0);
  }

  private onViewChange(from: HostId, m: ViewChange): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.newView < this.view) return;
    if (m.newView === this.view && this.viewActive) {
      // The sender missed the NEW-VIEW that installed this view: the primary sends it again.
      if (this.isPrimary && this.lastNewView?.view === this.view && m.replica === i) this.ctx.send(from, this.lastNewView, this.newViewSize(this.lastNewView));
      return;
    }
    this.cpu.charge(this.costs.verifyUs * viewChangeSignatures(m));
    if (!validViewChange(m, i, this.quorums, this.verifier)) return;
    this.recordViewChange(m);
  }

  private recordViewChange(m: ViewChange): void {
    let list = this.viewChanges.get(m.newView);
    if (list === undefined) {
      list = new Array<ViewChange | undefined>(this.n);
      this.viewChanges.set(m.newView, list);
    }
    list[m.replica] = m;
    // §4.5.2: f + 1 replicas want a later view: join the smallest such view without waiting.
    if (m.newView > this.view) {
      const senders = new Set<number>();
      let smallest = Infinity;
      for (const [w, vcs] of this.viewChanges) {
        if (w <= this.view) continue;
        vcs.forEach((x, j) => { if (x !== undefined) senders.add(j); });
        if (w < smallest) smallest = w;
      }
      if (senders.size >= this.f + 1) this.startViewChange(smallest);
      return;
    }
    if (m.newView !== this.view || this.viewActive) return;
    const count = this.viewChangeCount(m.newView);
    if (this.isPrimary && count >= this.q && list[this.index] !== undefined) this.sendNewView(list);
  }

  /** The new primary multicasts <NEW-VIEW, v+1, V, O> (§4.4). */
  private sendNewView(list: readonly (ViewChange | undefined)[]): void {
    const V = list.filter((x): x is ViewChange => x !== undefined);
    const { order } = computeNewViewOrder(V, this.ctx.self);
    const prePrepares = order.map((o) => this.signPrePrepare(this.view, o.seq, o.block));
    const body = { view: this.view, viewChanges: V, prePrepares, replica: this.index };
    this.cpu.charge(this.costs.signUs);
    const nv: NewView = Object.freeze({ kind: 'pbft-new-view', ...body, sig: this.key.sign(this.verifier.digest(newViewTerm(body))) });
    this.lastNewView = nv;
    const size = this.newViewSize(nv);
    for (let j = 0; j < this.n; j++) if (j !== this.index) this.ctx.send(this.hosts[j]!, nv, size);
    this.installView(order, prePrepares);
  }

  private newViewSize(nv: NewView): number {
    let size = PBFT_HEADER_BYTES + SIGNATURE_BYTES;
    for (const x of nv.viewChanges) size += PBFT_HEADER_BYTES + SIGNATURE_BYTES * viewChangeSignatures(x);
    return size + nv.prePrepares.length * (PBFT_HEADER_BYTES + DIGEST_BYTES + SIGNATURE_BYTES);
  }

  private onNewView(from: HostId, m: NewView): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || i !== m.view % this.n) return;
    if (m.view < this.view || (m.view === this.view && this.viewActive)) return;
    let sigs = 1;
    for (const x of m.viewChanges) sigs += viewChangeSignatures(x);
    this.cpu.charge(this.costs.verifyUs * (sigs + m.prePrepares.length));
    if (!this.verifier.verify(m.sig, from, this.verifier.digest(newViewTerm(m)))) return;
    const senders = new Set<number>();
    for (const x of m.viewChanges) {
      if (x.newView !== m.view || senders.has(x.replica) || !validViewChange(x, x.replica, this.quorums, this.verifier)) return;
      senders.add(x.replica);
    }
    if (senders.size < this.q) return;
    // Recompute O from V: a primary that orders anything else is rejected (§4.4).
    const { order } = computeNewViewOrder(m.viewChanges, from);
    if (order.length !== m.prePrepares.length) return;
    for (let k = 0; k < order.length; k++) {
      const pp = m.prePrepares[k]!;
      const o = order[k]!;
      if (pp.seq !== o.seq || pp.digest !== o.digest || pp.view !== m.view || pp.replica !== i) return;
      if (!this.verifier.verify(pp.sig, from, this.verifier.digest(prePrepareTerm(pp.view, pp.seq, pp.digest)))) return;
    }
    if (m.view > this.view) this.view = m.view;
    // Adopt the stable checkpoint the new view starts from (min-s).
    for (const x of m.viewChanges) {
      if (x.stableSeq > this.stableSeq) {
        this.stableSeq = x.stableSeq;
        this.stableProof = x.checkpointProof;
      }
    }
    this.installView(order, m.prePrepares);
    this.maybeFetch();
  }

  /** Enter the new view with O in the log; backups prepare every pre-prepare in O (§4.4). */
  private installView(order: readonly OrderedBatch[], prePrepares: readonly PrePrepare[]): void {
    this.viewActive = true;
    this.failedViews = 0;
    this.cancelTimer('newView');
    for (const w of [...this.viewChanges.keys()]) if (w <= this.view) this.viewChanges.delete(w);
    const inO = new Set<number>();
    for (const o of order) inO.add(o.seq);
    // Batches proposed in earlier views that O does not carry are abandoned; their requests may return.
    for (const [seq, slot] of this.slots) {
      if (seq > this.lastExecuted && !inO.has(seq) && slot.block !== undefined && !slot.committed) {
        for (const tx of slot.block.txs) this.mempool.unpropose(tx.id);
        this.slots.delete(seq);
      }
    }
    let maxS = this.stableSeq;
    for (const pp of prePrepares) {
      const slot = this.slot(pp.seq);
      slot.accept(pp);
      for (const tx of pp.block.txs) if (!this.mempool.isCommitted(tx.id)) this.mempool.markProposed(tx);
      if (pp.seq > maxS) maxS = pp.seq;
      if (!this.isPrimary) {
        const prepare: Prepare = Object.freeze({ kind: 'pbft-prepare', view: this.view, seq: pp.seq, digest: pp.digest, replica: this.index, sig: this.sign(prepareTerm(this.view, pp.seq, pp.digest, this.index)) });
        slot.prepares[this.index] = prepare;
        this.multicast(prepare, PBFT_HEADER_BYTES + DIGEST_BYTES + this.authBytes);
      }
    }
    this.lastPrePrepared = maxS;
    if (this.isPrimary) {
      this.nextSeq = Math.max(maxS, this.lastExecuted) + 1;
      this.headHash = prePrepares.length > 0 ? prePrepares[prePrepares.length - 1]!.digest : this.lastBlockHash;
    }
    const entered: ViewChangeEvent = { kind: 'view-change', view: this.view, leader: this.primaryHost() };
    this.ctx.emit(entered);
    this.advanceLowWater();
    this.replayDeferred();
    for (const slot of this.slots.values()) this.checkPrepared(slot);
    this.refreshRequestTimer();
    this.maybePropose();
  }

  // ---- helpers ----

  /**
   * Whether a normal-case message can be processed now. Messages for a later view, for the view
   * being installed, or above the high water mark are held and replayed later; older ones are dropped.
   */
  private acceptableNow(from: HostId, m: PbftMessage, view: number, seq: number): boolean {
    if (view < this.view || seq <= this.lowWater) return false;
    if (view > this.view || !this.viewActive || seq > this.lowWater + this.params.logWindow) {
      if (this.deferred.length >= DEFERRED_LIMIT) this.deferred.shift();
      this.deferred.push({ from, msg: m });
      return false;
    }
    return true;
  }

  private replayDeferred(): void {
    if (this.deferred.length === 0 || !this.viewActive) return;
    const pending = this.deferred;
    this.deferred = [];
    for (const d of pending) this.onMessage(d.from, d.msg);
  }

  private slot(seq: number): Slot {
    let s = this.slots.get(seq);
    if (s === undefined) {
      s = new Slot(this.n);
      this.slots.set(seq, s);
    }
    return s;
  }

  private signPrePrepare(view: number, seq: number, block: Block): PrePrepare {
    return Object.freeze({ kind: 'pbft-pre-prepare', view, seq, digest: block.hash, block, replica: this.index, sig: this.sign(prePrepareTerm(view, seq, block.hash)) });
  }

  private sign(term: string) {
    return this.key.sign(this.verifier.digest(term));
  }

  /** Send to every other replica, charging one authenticator (n − 1 MACs) or one signature. */
  private multicast(m: PbftMessage | FetchRequest, sizeBytes: number): void {
    this.cpu.charge(this.sendCost(this.n - 1));
    for (let j = 0; j < this.n; j++) if (j !== this.index) this.ctx.send(this.hosts[j]!, m, sizeBytes);
  }

  private sendCost(receivers: number): number {
    return this.params.auth === 'macs' ? macCostUs(this.costs) * receivers : this.costs.signUs;
  }

  private verifyCost(): number {
    return this.params.auth === 'macs' ? macCostUs(this.costs) : this.costs.verifyUs;
  }

  private blockHashCost(block: Block): number {
    return blockHashOperations(block.txs.length) * this.costs.hashUs + hashCostUs(this.costs, block.sizeBytes) - this.costs.hashUs;
  }

  private isWaiting(): boolean {
    return this.lastPrePrepared > this.lastExecuted || this.waitingRequests.size > 0;
  }

  /**
   * §4.4: start the timer, if it is not running, for the oldest request this backup waits for, or
   * else for the next pre-prepared batch. Timing the oldest request bounds every request's wait:
   * each one becomes the oldest after those before it execute.
   */
  private startRequestTimer(): void {
    if (this.requestTimer !== NO_TIMER || !this.viewActive || this.isPrimary) return;
    const oldest = this.waitingRequests.values().next();
    this.timedRequest = oldest.done === true ? NO_REQUEST : oldest.value;
    this.timedSeq = this.lastExecuted + 1;
    this.requestTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_REQUEST);
  }

  /** Whether the request or batch the running timer times has yet to execute. */
  private stillWaitingForTimed(): boolean {
    return this.timedRequest !== NO_REQUEST ? this.waitingRequests.has(this.timedRequest) : this.lastExecuted < this.timedSeq;
  }

  /**
   * §4.4: stop the timer when the backup no longer waits for the request it times, and restart it
   * if it is waiting for some other request; otherwise leave it running.
   */
  private refreshRequestTimer(): void {
    if (this.requestTimer !== NO_TIMER && this.stillWaitingForTimed()) return;
    this.cancelTimer('request');
    if (this.isWaiting()) this.startRequestTimer();
  }

  private viewChangeTimeout(): number {
    return this.params.viewChangeTimeoutUs * 2 ** Math.min(this.failedViews, 16);
  }

  private cancelTimer(which: 'batch' | 'request' | 'newView'): void {
    const id = which === 'batch' ? this.batchTimer : which === 'request' ? this.requestTimer : this.newViewTimer;
    if (id !== NO_TIMER) this.ctx.cancelTimer(id);
    if (which === 'batch') this.batchTimer = NO_TIMER;
    else if (which === 'request') this.requestTimer = NO_TIMER;
    else this.newViewTimer = NO_TIMER;
  }
}
