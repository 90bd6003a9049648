/**
 * PBFT's normal case (Castro & Liskov, OSDI 1999, §4.1–§4.2): client requests, batching at the
 * primary, pre-prepare, prepare and commit, execution in sequence order with replies, and the
 * backups' request timer (§4.4) that suspects a primary which does not execute a request.
 */
import { executionCostUs } from '../execution-work.ts';
import type { HostId } from '../../../sim/index.ts';
import { buildBlock, verifyBlock } from '../../ledger/block.ts';
import type { MempoolDropEvent, MempoolEvent } from '../../ledger/events.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { CommitEvent, ReplyMessage, RequestMessage } from '../types.ts';
import { proposalTimeUs, validBlockTime } from '../block-time.ts';
import { isNullBlock, stampFloorUs } from './view-change.ts';
import { executedBlockHolding } from '../executed-lookup.ts';
import { replyBytes, replySignCostUs } from '../reply.ts';
import {
  commitTerm, commitTermOf, prePrepareTermOf, prepareTerm, prepareTermOf, PBFT_HEADER_BYTES, PBFT_REPLY_BODY_BYTES, type Commit, type PrePrepare, type Prepare,
} from './messages.ts';
import type { Slot } from './slot.ts';
import { ReplicaCore, TAG_BATCH, TAG_REQUEST, NO_TIMER, NO_REQUEST } from './replica-core.ts';

export abstract class NormalCase extends ReplicaCore {
  // ---- §4.1: client requests ----

  protected onRequest(from: HostId, request: RequestMessage): void {
    const tx = request.tx;
    // §4.1: a request is authenticated by its transaction's own signature or MAC (consensus.txAuth),
    // checked when this replica first uses it: cutting a batch, or validating one (below).
    if (this.mempool.isCommitted(tx.id)) {
      // §4.1: a request already executed is answered again (its client lost or has not yet had
      // f + 1 replies), as long as this replica still holds the batch that executed it.
      if (!this.indexOfHost.has(from)) this.resendReply(tx);
      return;
    }
    if (tx.sizeBytes > this.blockTxBytesMax) return;
    const result = this.mempool.add(tx, tx.priority ?? 0);
    if (result === 'fullTxs' || result === 'fullBytes') {
      const drop: MempoolDropEvent = { kind: 'mempool-drop', reason: result, txId: tx.id };
      this.ctx.emit(drop);
    }
    const fromReplica = this.indexOfHost.has(from);
    if (this.isPrimary && this.viewActive) {
      this.maybePropose();
    } else if (!fromReplica) {
      // §4.1: a backup relays a client's (re)broadcast request to the primary and waits for it
      // (§4.4), if it holds it: one its full pool refused is dropped, as a bounded request queue drops it.
      // During a view change there is no primary to relay to yet: the request goes to the next view's.
      if (result === 'added') {
        if (this.viewActive) this.relayRequest(request);
        else this.holdRequest(tx);
        this.waitingRequests.add(tx.id);
      }
      this.startRequestTimer();
    }
  }

  /**
   * The client's own request goes on as received (messages are immutable): an overloaded run holds
   * hundreds of thousands of relayed requests queued at the primary's downlink, and a new message
   * object for each was a tenth of its memory.
   */
  protected relayRequest(request: RequestMessage): void {
    this.cpu.charge(this.sendCost(1));
    this.ctx.send(this.primaryHost(), request, PBFT_HEADER_BYTES + request.tx.sizeBytes + this.authBytes);
  }

  /**
   * Keep a request to relay once a view is active. A replica stuck in a view change for the rest of
   * a run keeps admitting requests and executing some by state transfer: once the list holds twice
   * what the replica waits for (plus 64), it drops those it no longer waits for, so it stays within
   * that bound at an amortised constant cost per request.
   */
  private holdRequest(tx: Transaction): void {
    const held = this.unrelayedRequests;
    if (held.length >= 2 * this.waitingRequests.size + 64) this.unrelayedRequests = held.filter((t) => this.waitingRequests.has(t.id));
    this.unrelayedRequests.push(tx);
  }

  /**
   * On entering a view, a backup relays the requests that arrived while no view was active and that
   * it still waits for. Without this its request timer times a request the new primary may never
   * have received, and the backup alone suspects a correct primary (seen after a partition heals:
   * clients sent their next requests to the old primary while it was changing view).
   */
  protected relayHeldRequests(): void {
    const held = this.unrelayedRequests;
    this.unrelayedRequests = [];
    if (this.isPrimary) return;
    for (const tx of held) if (this.waitingRequests.has(tx.id) && this.mempool.has(tx.id)) this.relayRequest({ kind: 'request', tx });
  }

  // ---- §4.2: normal-case operation at the primary ----

  /**
   * A primary behind the stable checkpoint waits for state transfer before ordering anything new:
   * until it has executed up to the checkpoint it cannot tell which of its waiting requests the
   * batches below it already committed, and ordering those again would execute them twice (§4.1's
   * exactly-once semantics; §4.4: the new primary obtains the checkpoint min-s it lacks).
   */
  protected canPropose(): boolean {
    return this.isPrimary && this.viewActive && this.mempool.sizeTxs > 0 && this.lastExecuted >= this.stableSeq
      && this.nextSeq <= this.lowWater + this.params.logWindow;
  }

  /**
   * Cut full batches now; a partial batch waits for the batch timeout (batching, §5.1 of the BFT
   * library's design). A batch is full at batchSize transactions or when the waiting ones fill a
   * block's bytes, whichever comes first, as Fabric's block cutter cuts at MaxMessageCount or
   * PreferredMaxBytes: a block full by bytes is no partial batch to wait for.
   */
  protected maybePropose(): void {
    while (this.canPropose() && this.batchFull()) {
      const next = this.nextSeq;
      this.propose();
      // Nothing proposable (every waiting transaction expired): the pool is empty now anyway.
      if (this.nextSeq === next) break;
    }
    if (this.canPropose() && this.batchTimer === NO_TIMER) this.batchTimer = this.ctx.setTimer(this.batchTimeoutUs, TAG_BATCH);
  }

  private batchFull(): boolean {
    return this.mempool.sizeTxs >= this.batchSize || this.mempool.sizeBytes >= this.blockTxBytesMax;
  }

  protected propose(): void {
    const occupancy: MempoolEvent = { kind: 'mempool', sizeTxs: this.mempool.sizeTxs, sizeBytes: this.mempool.sizeBytes };
    this.ctx.emit(occupancy);
    const txs = this.mempool.take(this.batchSize, this.blockTxBytesMax);
    if (txs.length === 0) return;
    // The batch's requests not checked yet, across the cores: the admission checks of the requests
    // that arrived since the last batch (docs/references.md §6).
    this.txAuth.validate(txs);
    const seq = this.nextSeq++;
    const block = buildBlock({ parentHash: this.headHash, height: seq, proposer: this.ctx.self, timestampUs: proposalTimeUs(this.ctx.nowUs, this.stampFloorUs(seq)), txs });
    this.cpu.charge(this.blockHashCost(block));
    this.headHash = block.hash;
    const pp = this.signPrePrepare(this.view, seq, block);
    const slot = this.slot(seq);
    slot.accept(pp);
    slot.voteSentUs = this.ctx.nowUs;
    this.lastPrePrepared = Math.max(this.lastPrePrepared, seq);
    if (seq > this.knownSeq) this.knownSeq = seq;
    this.multicast(pp, this.voteBytes + block.sizeBytes);
    this.refreshStatusTimer();
    if (this.batchTimer !== NO_TIMER && this.mempool.sizeTxs === 0) {
      this.ctx.cancelTimer(this.batchTimer);
      this.batchTimer = NO_TIMER;
    }
    // prepared needs q − 1 prepares from backups besides the pre-prepare: none where q = 1 (n = 1,
    // f = 0), so the lone primary's batch is prepared, and committed, as it is proposed.
    this.checkPrepared(slot);
  }

  // ---- §4.2: pre-prepare, prepare, commit at the backups ----

  protected onPrePrepare(from: HostId, m: PrePrepare): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || i !== m.view % this.n) return;
    if (!this.acceptableNow(from, m, m.view, m.seq)) return;
    this.cpu.charge(this.verifyCost() + this.blockHashCost(m.block));
    if (!this.verifier.verifyMessage(m, m.sig, from, prePrepareTermOf)) return;
    if (m.block.hash !== m.digest || m.block.height !== m.seq || !verifyBlock(m.block)) return;
    const slot = this.slot(m.seq);
    // §4.2: never accept two pre-prepares for the same view and sequence number with different digests.
    if (slot.prePrepare !== undefined && slot.view === m.view) return;
    if (!this.validBlockTime(m)) {
      // Refused as any invalid pre-prepare is: no PREPARE, and the request timer suspects the
      // primary (§4.4). Kept in case it is prepared without this replica (acceptPrepared).
      slot.refusedForTime = m;
      this.acceptPrepared(slot);
      return;
    }
    this.acceptPrePrepare(slot, m);
  }

  /**
   * The primary stamps a batch from its own clock, and the contracts judge time at that stamp: a
   * backup accepts it only if no earlier than the batch before it, where the backup holds that
   * batch, and timely on the backup's own clock (block-time.ts; CometBFT's PBTS, docs/references.md
   * §13). The batches a NEW-VIEW re-proposes keep the time they were first proposed at and are not
   * judged again, as PBTS does not judge a value re-proposed with a certificate from an earlier round.
   */
  private validBlockTime(m: PrePrepare): boolean {
    return validBlockTime(m.block.timestampUs, this.stampFloorUs(m.seq), this.ctx.nowUs, this.params);
  }

  /** The stamp a batch at `seq` must not precede, from the batches this replica holds (view-change.ts). */
  private stampFloorUs(seq: number): number | undefined {
    return stampFloorUs(seq, (s) => this.slots.get(s)?.block ?? this.executedBlocks.get(s), this.latestExecutedStamp);
  }

  /**
   * Accept a pre-prepare refused for its time once q − 1 backups prepared it in this view: its
   * primary faulty, at most f − 1 of them are, so at least f + 1 correct backups found it valid
   * where it reached them, and this backup received it late (a STATUS retransmission after a
   * partition) rather than from a lying primary. PBTS too judges a proposal's time only as it is
   * proposed, and a late validator follows the others' certificate (docs/references.md §13). True
   * when it accepted it.
   */
  private acceptPrepared(slot: Slot): boolean {
    const pp = slot.refusedForTime;
    if (pp === undefined || pp.view !== this.view) return false;
    let prepares = 0;
    for (const p of slot.prepares) if (p !== undefined && p.view === pp.view && p.digest === pp.digest) prepares++;
    if (prepares < this.q - 1) return false;
    this.acceptPrePrepare(slot, pp);
    return true;
  }

  private acceptPrePrepare(slot: Slot, m: PrePrepare): void {
    // Block validation: the batch's requests this backup has not admitted itself (docs/references.md §6).
    this.txAuth.validate(m.block.txs);
    slot.accept(m);
    this.lastPrePrepared = Math.max(this.lastPrePrepared, m.seq);
    this.learnSeq(m.seq);
    const prepare: Prepare = Object.freeze({ kind: 'pbft-prepare', view: m.view, seq: m.seq, digest: m.digest, replica: this.index, sig: this.sign(prepareTerm(m.view, m.seq, m.digest, this.index)) });
    slot.prepares[this.index] = prepare;
    slot.voteSentUs = this.ctx.nowUs;
    this.multicast(prepare, this.voteBytes);
    this.startRequestTimer();
    this.checkPrepared(slot);
  }

  protected onPrepare(from: HostId, m: Prepare): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || i === m.view % this.n) return;
    if (!this.acceptableNow(from, m, m.view, m.seq)) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, prepareTermOf)) return;
    const slot = this.slot(m.seq);
    const prev = slot.prepares[i];
    if (prev === undefined || prev.view < m.view) slot.prepares[i] = m;
    this.learnSeq(m.seq);
    // Accepting a pre-prepare refused for its time checks the slot itself, and may execute and
    // discard it (a stable checkpoint), so the slot is used no further then.
    if (!this.acceptPrepared(slot)) this.checkPrepared(slot);
  }

  /** prepared(m, v, n, i): the pre-prepare and q − 1 (2f at n = 3f + 1) matching prepares from distinct backups (§4.2). */
  protected checkPrepared(slot: Slot): void {
    if (slot.prepared || slot.prePrepare === undefined || slot.matchingPrepares() < this.q - 1) return;
    slot.prepared = true;
    slot.recordProof();
    const { view, seq, digest } = slot.prePrepare;
    const commit: Commit = Object.freeze({ kind: 'pbft-commit', view, seq, digest, replica: this.index, sig: this.sign(commitTerm(view, seq, digest, this.index)) });
    slot.commits[this.index] = commit;
    slot.commitSentUs = this.ctx.nowUs;
    this.multicast(commit, this.voteBytes);
    this.checkCommitted(slot);
  }

  protected onCommit(from: HostId, m: Commit): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i) return;
    if (!this.acceptableNow(from, m, m.view, m.seq)) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, commitTermOf)) return;
    const slot = this.slot(m.seq);
    const prev = slot.commits[i];
    if (prev === undefined || prev.view < m.view) slot.commits[i] = m;
    this.learnSeq(m.seq);
    this.checkCommitted(slot);
  }

  /** committed-local(m, v, n, i): prepared and q (2f + 1 at n = 3f + 1) matching commits, possibly its own (§4.2). */
  protected checkCommitted(slot: Slot): void {
    if (slot.committed || !slot.prepared || slot.matchingCommits() < this.q) return;
    slot.committed = true;
    this.executeReady();
  }

  /** §4.1, §4.2: execute in sequence-number order once every lower number has executed. */
  protected executeReady(): void {
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

  protected execute(block: Block): void {
    const now = this.ctx.nowUs;
    const txs = block.txs;
    let alreadyExecutedTxIds: number[] | undefined;
    let workUs = 0;
    for (let k = 0; k < txs.length; k++) {
      const tx = txs[k]!;
      // §4.1: exactly once. A faulty primary can order a request in two batches (an equivocator
      // whose two faces each received it); the later one only re-sends the reply.
      if (this.mempool.isCommitted(tx.id)) {
        (alreadyExecutedTxIds ??= []).push(tx.id);
        continue;
      }
      workUs += executionCostUs(this.costs, this.app.execute(tx, block, now));
      this.mempool.markCommitted(tx);
      if (this.waitingRequests.size > 0) this.waitingRequests.delete(tx.id);
    }
    // Every replica executes (§4.1), so every replica pays for the application's work.
    if (workUs > 0) this.ctx.cpu(workUs);
    this.lastExecuted = block.height;
    this.failedViews = 0;
    this.executedInView = true;
    this.lastBlockHash = block.hash;
    this.executedBlocks.push(block.height, block);
    if (!isNullBlock(block)) this.latestExecutedStamp = { seq: block.height, timestampUs: block.timestampUs };
    if (this.nextSeq <= block.height) {
      this.nextSeq = block.height + 1;
      this.headHash = block.hash;
    }
    const commit: CommitEvent = alreadyExecutedTxIds === undefined ? { kind: 'commit', block } : { kind: 'commit', block, alreadyExecutedTxIds };
    this.ctx.emit(commit);
    // §4.1: reply to each client; the client waits for f + 1 matching replies.
    for (let k = 0; k < txs.length; k++) this.sendReply(txs[k]!, block);
    if (block.height % this.params.checkpointInterval === 0) this.sendCheckpoint(block.height);
  }

  private sendReply(tx: Transaction, block: Block): void {
    this.cpu.charge(replySignCostUs(this.replyAuth, this.costs));
    const reply: ReplyMessage = { kind: 'reply', txId: tx.id, height: block.height, blockHash: block.hash, replica: this.ctx.self, leader: this.primaryHost(), view: this.view };
    this.ctx.send(tx.sender, reply, replyBytes(this.replyAuth, PBFT_REPLY_BODY_BYTES));
  }

  /** The reply to a request executed in a batch this replica still holds (state transfer's window); none past it. */
  private resendReply(tx: Transaction): void {
    const block = executedBlockHolding(tx, this.lastExecuted, (h) => this.executedBlocks.get(h));
    if (block !== undefined) this.sendReply(tx, block);
  }

  // ---- §4.4: the request timer ----

  protected isWaiting(): boolean {
    return this.lastPrePrepared > this.lastExecuted || this.waitingRequests.size > 0;
  }

  /**
   * §4.4: start the timer, if it is not running, for the oldest request this backup waits for, or
   * else for the next pre-prepared batch. Timing the oldest request bounds every request's wait:
   * each one becomes the oldest after those before it execute.
   */
  protected startRequestTimer(): void {
    // A primary times nothing, except its own state transfer while behind the stable checkpoint.
    if (this.requestTimer !== NO_TIMER || !this.viewActive || (this.isPrimary && this.lastExecuted >= this.stableSeq)) return;
    const oldest = this.waitingRequests.values().next();
    this.timedRequest = oldest.done === true ? NO_REQUEST : oldest.value;
    this.timedSeq = this.lastExecuted + 1;
    this.requestTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_REQUEST);
  }

  /** Whether the request or batch the running timer times has yet to execute. */
  protected stillWaitingForTimed(): boolean {
    return this.timedRequest !== NO_REQUEST ? this.waitingRequests.has(this.timedRequest) : this.lastExecuted < this.timedSeq;
  }

  /**
   * §4.4: stop the timer when the backup no longer waits for the request it times, and restart it
   * if it is waiting for some other request; otherwise leave it running.
   */
  protected refreshRequestTimer(): void {
    this.refreshStatusTimer();
    if (this.requestTimer !== NO_TIMER && this.stillWaitingForTimed()) return;
    this.cancelTimer('request');
    if (this.isWaiting()) this.startRequestTimer();
  }

  /** §4.3, in checkpoints.ts: a checkpoint every K executed batches. */
  protected abstract sendCheckpoint(seq: number): void;
  /** §4.3, in checkpoints.ts: garbage-collect the log once a stable checkpoint has executed. */
  protected abstract advanceLowWater(): void;
}
