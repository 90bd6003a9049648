/**
 * The replica of the example plug-in protocol: a fixed sequencer with majority acknowledgement
 * (primary-backup replication in the style of Viewstamped Replication's normal case, Oki & Liskov
 * 1988, without its view change). Replica 0 orders client requests into blocks and sends each block
 * to every backup; a backup stores it and acknowledges; once a majority (the primary included)
 * holds a block, the primary commits it and tells the backups, which commit it too, in height
 * order. Lost messages are covered by the primary re-sending unacknowledged blocks and its commit
 * height every `resendInterval`; a backup that misses blocks fetches them from the primary.
 *
 * It is a teaching example for docs/plugins.md: it has no leader election, so the primary must
 * stay up (the definition's fault model says so).
 */
import {
  buildBlock,
  GENESIS_BLOCK,
  hashCostUs,
  kindsOf,
  type Actor,
  type ActorContext,
  type Block,
  type CommitEvent,
  type HostId,
  type MempoolEvent,
  type ReplicaConfig,
  type ReplicatedApplication,
  type ReplyMessage,
  type RequestMessage,
  type Transaction,
} from '../../src/plugin-api.ts';

export interface SequencerParams {
  /** How often the primary re-sends unacknowledged blocks and its commit height, µs. */
  readonly resendIntervalUs: number;
}

interface Propose { readonly kind: 'seq-propose'; readonly block: Block }
interface Ack { readonly kind: 'seq-ack'; readonly height: number; readonly from: number }
interface Commit { readonly kind: 'seq-commit'; readonly height: number }
interface Fetch { readonly kind: 'seq-fetch'; readonly fromHeight: number; readonly from: number }
type SequencerMessage = Propose | Ack | Commit | Fetch | RequestMessage;

/** What the replicas send each other (the definition's messageKinds). */
export const SEQUENCER_MESSAGE_KINDS = kindsOf<Exclude<SequencerMessage, RequestMessage>['kind']>({ 'seq-propose': true, 'seq-ack': true, 'seq-commit': true, 'seq-fetch': true });

const HEADER_BYTES = 48;
const REPLY_BYTES = 80;
const TIMER_BATCH = 1;
const TIMER_RESEND = 2;
/** Most unacknowledged blocks re-sent to one backup each resend interval (see resend). */
const RESEND_WINDOW_BLOCKS = 2;
/** Most blocks sent in answer to one fetch, so a far-behind backup catches up in bounded steps. */
const FETCH_MAX_BLOCKS = 64;

export class SequencerReplica implements Actor<unknown> {
  private readonly n: number;
  private readonly isPrimary: boolean;
  private readonly primaryHost: HostId;
  private readonly quorum: number;
  /** Blocks by height; index 0 is the genesis block. */
  private readonly log: Block[] = [GENESIS_BLOCK];
  private committedHeight = 0;
  /** Primary: which replicas hold each uncommitted height. */
  private readonly holders = new Map<number, Set<number>>();
  /** Primary: height of every transaction in the log (for duplicates and re-sent requests). */
  private readonly txHeight = new Map<number, number>();
  private batch: Transaction[] = [];
  private batchBytes = 0;
  private batchTimerArmed = false;
  /** Backup: blocks received above the contiguous prefix, waiting for the gap to fill. */
  private readonly ahead = new Map<number, Block>();
  /** Backup: the highest height the primary said is committed. */
  private pendingCommit = 0;
  /** Backup: when it last asked the primary for missing blocks and its log's length then, and when its log last grew, µs. */
  private fetchedAtUs = Number.NEGATIVE_INFINITY;
  private fetchedAtLength = 0;
  private grewAtUs = 0;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly config: ReplicaConfig<SequencerParams>,
    private readonly app: ReplicatedApplication,
  ) {
    this.n = config.replicaHosts.length;
    this.isPrimary = config.index === 0;
    this.primaryHost = config.replicaHosts[0]!;
    this.quorum = Math.floor(this.n / 2) + 1;
  }

  onStart(): void {
    if (this.isPrimary) this.ctx.setTimer(this.config.params.resendIntervalUs, TIMER_RESEND);
  }

  onRecover(): void {
    // Timers were lost with the crash; a backup asks for whatever it missed.
    this.onStart();
    if (!this.isPrimary) this.requestMissing();
  }

  onMessage(from: HostId, raw: unknown): void {
    const msg = raw as SequencerMessage;
    switch (msg.kind) {
      case 'request': this.onRequest(msg); break;
      case 'seq-propose': this.onPropose(msg.block); break;
      case 'seq-ack': this.onAck(msg.height, msg.from); break;
      case 'seq-commit': this.onCommit(msg.height); break;
      case 'seq-fetch': this.onFetch(from, msg.fromHeight); break;
    }
  }

  onTimer(tag: number): void {
    if (tag === TIMER_BATCH) {
      this.batchTimerArmed = false;
      if (this.batch.length > 0) this.proposeBatch();
    } else if (tag === TIMER_RESEND) {
      this.resend();
      this.ctx.setTimer(this.config.params.resendIntervalUs, TIMER_RESEND);
    }
  }

  private onRequest(req: RequestMessage): void {
    if (!this.isPrimary) {
      this.send(this.primaryHost, req, req.tx.sizeBytes);
      return;
    }
    const height = this.txHeight.get(req.tx.id);
    if (height !== undefined) {
      // A client re-sent a request: answer again once it is committed, never order it twice.
      if (height > 0 && height <= this.committedHeight) this.reply(req.tx, this.log[height]!);
      return;
    }
    this.txHeight.set(req.tx.id, 0);
    this.batch.push(req.tx);
    this.batchBytes += req.tx.sizeBytes;
    if (this.batch.length >= this.config.batchSize || this.batchBytes >= this.config.blockSizeMaxBytes) {
      this.proposeBatch();
    } else if (!this.batchTimerArmed) {
      this.batchTimerArmed = true;
      this.ctx.setTimer(this.config.batchTimeoutUs, TIMER_BATCH);
    }
  }

  private proposeBatch(): void {
    const txs = this.batch;
    const occupancy: MempoolEvent = { kind: 'mempool', sizeTxs: txs.length, sizeBytes: this.batchBytes };
    this.ctx.emit(occupancy);
    this.batch = [];
    this.batchBytes = 0;
    const parent = this.log[this.log.length - 1]!;
    const block = buildBlock({ parentHash: parent.hash, height: parent.height + 1, proposer: this.ctx.self, timestampUs: this.ctx.nowUs, txs });
    this.ctx.cpu(hashCostUs(this.config.crypto, block.sizeBytes));
    this.log.push(block);
    for (const tx of txs) this.txHeight.set(tx.id, block.height);
    this.holders.set(block.height, new Set([this.config.index]));
    for (let i = 1; i < this.n; i++) this.send(this.config.replicaHosts[i]!, { kind: 'seq-propose', block }, block.sizeBytes);
    this.advanceCommit();
  }

  private onPropose(block: Block): void {
    if (block.height < this.log.length) {
      // Already held: the primary re-sent it because our acknowledgement was lost.
      this.send(this.primaryHost, { kind: 'seq-ack', height: block.height, from: this.config.index });
      return;
    }
    this.ctx.cpu(hashCostUs(this.config.crypto, block.sizeBytes));
    this.ahead.set(block.height, block);
    // Append the contiguous run now available, acknowledging each block appended.
    for (let next = this.ahead.get(this.log.length); next !== undefined; next = this.ahead.get(this.log.length)) {
      this.ahead.delete(next.height);
      this.log.push(next);
      this.grewAtUs = this.ctx.nowUs;
      this.send(this.primaryHost, { kind: 'seq-ack', height: next.height, from: this.config.index });
    }
    // Blocks still missing below this one: lost, cut off by a partition, or only overtaken by it.
    if (this.ahead.size > 0) this.fetchMissing();
    this.applyCommitted();
  }

  /**
   * Ask the primary for the blocks after the log, unless an earlier request may still be answering:
   * one is spent once its whole answer (FETCH_MAX_BLOCKS blocks) has been appended, or once the log
   * has not grown for a resend interval since it was sent (an answer lost or cut short). A request
   * per block that arrived above a gap, or per commit height heard while behind, asked for the same
   * blocks again while the first answer was still arriving (out of order, each block its own
   * latency): a catch-up after a partition sent the backlog about 12 times.
   */
  private fetchMissing(): void {
    const answered = this.log.length >= this.fetchedAtLength + FETCH_MAX_BLOCKS;
    const quiet = this.ctx.nowUs - Math.max(this.fetchedAtUs, this.grewAtUs) >= this.config.params.resendIntervalUs;
    if (!answered && !quiet) return;
    this.requestMissing();
  }

  /** Ask the primary for the blocks after the log, noting when, so that fetchMissing waits for the answer. */
  private requestMissing(): void {
    this.fetchedAtUs = this.ctx.nowUs;
    this.fetchedAtLength = this.log.length;
    this.send(this.primaryHost, { kind: 'seq-fetch', fromHeight: this.log.length, from: this.config.index });
  }

  private onAck(height: number, from: number): void {
    const set = this.holders.get(height);
    if (set === undefined) return;
    set.add(from);
    this.advanceCommit();
  }

  private advanceCommit(): void {
    let changed = false;
    while (this.committedHeight + 1 < this.log.length && (this.holders.get(this.committedHeight + 1)?.size ?? 0) >= this.quorum) {
      this.holders.delete(this.committedHeight + 1);
      this.commitNext();
      changed = true;
    }
    if (changed) this.broadcastCommitHeight();
  }

  private onCommit(height: number): void {
    if (height <= this.committedHeight) return;
    this.pendingCommit = Math.max(this.pendingCommit, height);
    this.applyCommitted();
    if (this.log.length - 1 < height) this.fetchMissing();
  }

  private applyCommitted(): void {
    while (this.committedHeight < this.pendingCommit && this.committedHeight + 1 < this.log.length) this.commitNext();
  }

  private commitNext(): void {
    const block = this.log[++this.committedHeight]!;
    for (const tx of block.txs) this.app.execute(tx, block, this.ctx.nowUs);
    const event: CommitEvent = { kind: 'commit', block };
    this.ctx.emit(event);
    if (this.isPrimary) for (const tx of block.txs) this.reply(tx, block);
  }

  private onFetch(from: HostId, fromHeight: number): void {
    if (!this.isPrimary) return;
    const last = Math.min(this.log.length - 1, fromHeight + FETCH_MAX_BLOCKS - 1);
    for (let h = Math.max(1, fromHeight); h <= last; h++) this.send(from, { kind: 'seq-propose', block: this.log[h]! }, this.log[h]!.sizeBytes);
    this.send(from, { kind: 'seq-commit', height: this.committedHeight });
  }

  /**
   * Each backup gets again at most RESEND_WINDOW_BLOCKS of the lowest uncommitted blocks it has
   * not acknowledged, so the copies re-sent per interval stay bounded however long backups are cut
   * off: re-sending every such block filled the primary's uplink during a partition, and nothing
   * committed after it healed. A backup that is further behind asks for the rest itself (fetchMissing).
   */
  private resend(): void {
    for (let i = 1; i < this.n; i++) {
      let sent = 0;
      for (const [height, set] of this.holders) {
        if (sent === RESEND_WINDOW_BLOCKS) break;
        if (set.has(i)) continue;
        const block = this.log[height]!;
        this.send(this.config.replicaHosts[i]!, { kind: 'seq-propose', block }, block.sizeBytes);
        sent++;
      }
    }
    if (this.committedHeight > 0) this.broadcastCommitHeight();
  }

  private broadcastCommitHeight(): void {
    for (let i = 1; i < this.n; i++) this.send(this.config.replicaHosts[i]!, { kind: 'seq-commit', height: this.committedHeight });
  }

  private reply(tx: Transaction, block: Block): void {
    const reply: ReplyMessage = { kind: 'reply', txId: tx.id, height: block.height, blockHash: block.hash, replica: this.ctx.self, leader: this.primaryHost };
    this.ctx.send(tx.sender, reply, REPLY_BYTES);
  }

  private send(to: HostId, msg: SequencerMessage, bodyBytes = 0): void {
    this.ctx.send(to, msg, HEADER_BYTES + bodyBytes);
  }
}
