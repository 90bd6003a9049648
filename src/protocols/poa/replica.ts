/**
 * A Clique proof-of-authority signer (EIP-225) as a sans-I/O actor.
 *
 * Every replica is an authorised signer. On each new head it schedules sealing the next block: no
 * earlier than the parent's timestamp plus the period; immediately at that time when in turn
 * (difficulty 2), after a random wiggle when out of turn (difficulty 1); never when it signed one of
 * the last ⌊N/2⌋ blocks. Sealed blocks go to every other signer; each keeps a chain store whose
 * fork choice is the greatest total difficulty (EIP-225 "Chain selection"). Clique has no
 * finality of its own: a replica commits a block once `confirmations` blocks sit on top of it.
 *
 * Transactions reach a signer from a client and are relayed to the other signers (Ethereum's
 * transaction gossip); the signer that took the client's request answers it on commit.
 */
import { executionCostUs } from '../execution-work.ts';
import type { Actor, ActorContext, HostId, TimerId } from '../../../sim/index.ts';
import { blockTxBytesMax, buildBlock, GENESIS_BLOCK, verifyBlock } from '../../ledger/block.ts';
import { ChainStore, type HeadChange } from '../../ledger/chain-store.ts';
import { blockHashCostUs, type Signature } from '../../ledger/crypto.ts';
import type { MempoolDropEvent, MempoolEvent } from '../../ledger/events.ts';
import type { Mempool } from '../../ledger/mempool.ts';
import { aheadOfClock } from '../block-time.ts';
import type { ProposalExclusion } from '../definition.ts';
import { replicaMempool } from '../replica-mempool.ts';
import { replyBytes, replySignCostUs } from '../reply.ts';
import { TxAuthenticator } from '../../ledger/tx-authentication.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { CommitEvent, LeadsEvent, ReplicaConfig, ReplicatedApplication, ReplyMessage, RequestMessage } from '../types.ts';
import { confirmationDepth, difficulty, eip3436Prefers, inTurn, signedRecently, wiggleBoundUs } from './clique.ts';
import type { PoaReorgEvent, PoaSealedEvent } from './events.ts';
import {
  ANCESTORS_PER_REPLY, GET_BLOCKS_BYTES, POA_REPLY_AUTHENTICATION, SEAL_BYTES, sealTerm, STATUS_BYTES, TX_RELAY_OVERHEAD_BYTES,
  type PoaBlockMessage, type PoaBlocksMessage, type PoaGetBlocksMessage, type PoaStatusMessage, type PoaTxMessage,
} from './messages.ts';
import type { PoaParams } from './params.ts';

const TIMER_SEAL = 1;
const TIMER_STATUS = 2;
const NO_TIMER = -1;
/** Bound on blocks held while their parent is missing. */
const PENDING_MAX = 1024;

/** Deliberately broken rules, for the fuzzer's mutants (src/fuzz/mutants); the real protocol sets none. */
export interface PoaOptions {
  /** Let a signer seal and accept blocks however recently it signed (no SIGNER_LIMIT). */
  readonly ignoresSignerLimit?: boolean;
}

export class PoaReplica implements Actor<unknown>, ProposalExclusion {
  readonly params: PoaParams;
  readonly chain: ChainStore;
  private readonly n: number;
  private readonly self: number;
  private readonly confirmations: number;
  private readonly indexOfHost = new Map<HostId, number>();
  private readonly mempool: Mempool;
  /** Checks each transaction's signature or MAC once: at admission (client or relay), or in the first block that carries it. */
  private readonly txAuth: TxAuthenticator;
  /** Transactions this replica took from a client: it answers them on commit. */
  private readonly fromClient = new Set<number>();
  /** Valid blocks whose parent has not arrived, by parent hash. */
  private readonly pending = new Map<string, Block[]>();
  private pendingCount = 0;
  /** Each stored block's seal, to serve it to a signer missing it. */
  private readonly seals = new Map<string, Signature | undefined>();
  /** When each missing parent was last asked for: a burst of children asks once per period, and a lost reply is asked for again. */
  private readonly requestedUs = new Map<string, number>();
  committedHeight = 0;
  private sealTimer: TimerId = NO_TIMER;
  private statusTimer: TimerId = NO_TIMER;
  private sealParentHash = '';
  /** The highest height this signer announced it is in turn for (a `leads` event once per height). */
  private ledHeight = 0;
  private sealTimestampUs = 0;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly config: ReplicaConfig<PoaParams>,
    private readonly app: ReplicatedApplication,
    private readonly options: PoaOptions = {},
  ) {
    this.params = config.params;
    this.n = config.replicaHosts.length;
    this.self = config.index;
    this.confirmations = confirmationDepth(this.params.confirmations, this.n);
    config.replicaHosts.forEach((h, i) => this.indexOfHost.set(h, i));
    const n = this.n;
    const signerOf = this.signerOf;
    // EIP-225: total difficulty is the fork-choice weight; the difficulty follows from the signer's turn.
    // On equal total difficulty geth prefers the lower block and flips a coin between blocks of equal
    // height (core/forkchoice.go, ReorgNeeded), never keeping its own block for Clique: keeping the
    // first seen lets signers sit on sibling forks that the signer limit bars each of them from
    // extending, a deadlock (eth/backend.go, shouldPreserve).
    // EIP-3436 breaks every such tie the same way at every signer (params.ts, forkChoice).
    const rng = ctx.rng;
    const preferOnTie = this.params.forkChoice === 'eip-3436'
      ? (candidate: Block, head: Block) => eip3436Prefers(candidate, head, (b) => signerOf(b.proposer), n)
      : (candidate: Block, head: Block) => candidate.height < head.height || (candidate.height === head.height && rng.float() < 0.5);
    this.chain = new ChainStore(GENESIS_BLOCK, {
      weight: (b) => (b.height === 0 ? 0 : difficulty(b.height, signerOf(b.proposer), n)),
      preferOnTie,
    });
    this.mempool = replicaMempool(config.mempool, ctx);
    this.txAuth = new TxAuthenticator(ctx, config.txAuth, config.crypto);
  }

  /** Signer index of a block's proposer host (−1 for genesis or a stranger). */
  readonly signerOf = (proposer: HostId): number => this.indexOfHost.get(proposer) ?? -1;

  onStart(): void {
    this.scheduleSeal();
  }

  onRecover(): void {
    this.sealTimer = NO_TIMER;
    this.statusTimer = NO_TIMER;
    this.scheduleSeal();
  }

  excludeFromProposals(excludes: ((tx: Transaction) => boolean) | null): void {
    this.mempool.excluding = excludes;
  }

  onMessage(from: HostId, msg: unknown): void {
    switch ((msg as { kind: string }).kind) {
      case 'poa-block':
        this.onBlock(from, msg as PoaBlockMessage);
        break;
      case 'poa-get-blocks':
        this.onGetBlocks(from, msg as PoaGetBlocksMessage);
        break;
      case 'poa-blocks':
        for (const b of (msg as PoaBlocksMessage).blocks) this.onBlock(from, b);
        break;
      case 'poa-status':
        this.onStatus(from, msg as PoaStatusMessage);
        break;
      case 'poa-tx':
        this.admit((msg as PoaTxMessage).tx);
        break;
      case 'request':
        this.onRequest(from, msg as RequestMessage);
        break;
      default:
    }
  }

  onTimer(tag: number): void {
    if (tag === TIMER_STATUS) {
      this.statusTimer = NO_TIMER;
      this.announceHead();
      return;
    }
    if (tag !== TIMER_SEAL) return;
    this.sealTimer = NO_TIMER;
    if (this.chain.head.hash === this.sealParentHash) this.seal();
  }

  // ---- transactions ----

  private onRequest(from: HostId, req: RequestMessage): void {
    const tx = req.tx;
    if (this.indexOfHost.has(from)) {
      this.admit(tx);
      return;
    }
    this.fromClient.add(tx.id);
    if (this.mempool.isCommitted(tx.id)) {
      const block = this.findCommitted(tx.id);
      if (block !== undefined) this.reply(tx, block);
      return;
    }
    if (this.admit(tx)) {
      const relay: PoaTxMessage = { kind: 'poa-tx', tx };
      const size = tx.sizeBytes + TX_RELAY_OVERHEAD_BYTES;
      for (let i = 0; i < this.n; i++) if (i !== this.self) this.ctx.send(this.config.replicaHosts[i]!, relay, size);
    }
  }

  private admit(tx: Transaction): boolean {
    this.txAuth.admit(tx);
    const result = this.mempool.add(tx);
    if (result === 'fullTxs' || result === 'fullBytes') {
      const drop: MempoolDropEvent = { kind: 'mempool-drop', reason: result, txId: tx.id };
      this.ctx.emit(drop);
    }
    return result === 'added';
  }

  // ---- sealing (EIP-225 "Block authorization") ----

  private scheduleSeal(): void {
    if (this.sealTimer !== NO_TIMER) {
      this.ctx.cancelTimer(this.sealTimer);
      this.sealTimer = NO_TIMER;
    }
    this.scheduleStatus();
    const head = this.chain.head;
    const height = head.height + 1;
    if (this.signedRecently(this.chain.headBlockId, this.self)) return;
    if (inTurn(height, this.self, this.n) && height > this.ledHeight) {
      // Clique's leader of a height is its in-turn signer: what follows the leader learns it here.
      this.ledHeight = height;
      const leads: LeadsEvent = { kind: 'leads', view: height, leader: this.ctx.self };
      this.ctx.emit(leads);
    }
    const now = this.ctx.nowUs;
    // Header time: parent time plus the period, or now if that has passed (geth's Prepare).
    this.sealTimestampUs = Math.max(head.timestampUs + this.params.period, now);
    let delayUs = this.sealTimestampUs - now;
    if (!inTurn(height, this.self, this.n)) delayUs += Math.floor(this.ctx.rng.float() * wiggleBoundUs(this.n, this.params.wiggle));
    this.sealParentHash = head.hash;
    this.sealTimer = this.ctx.setTimer(delayUs, TIMER_SEAL);
  }

  private seal(): void {
    const head = this.chain.head;
    const occupancy: MempoolEvent = { kind: 'mempool', sizeTxs: this.mempool.sizeTxs, sizeBytes: this.mempool.sizeBytes };
    this.ctx.emit(occupancy);
    const txs = this.mempool.take(this.config.batchSize, blockTxBytesMax(this.config.blockSizeMaxBytes));
    const block = buildBlock({ parentHash: head.hash, height: head.height + 1, proposer: this.ctx.self, timestampUs: this.sealTimestampUs, txs });
    const c = this.config.crypto;
    this.ctx.cpu(blockHashCostUs(c, block.txs.length, block.sizeBytes) + c.signUs);
    const key = this.config.signingKey;
    const v = this.config.verifier;
    const seal = key !== undefined && v !== undefined ? key.sign(v.digest(sealTerm(block.hash))) : undefined;
    const sealed: PoaSealedEvent = { kind: 'poa-sealed', ofEveryFace: true, block, difficulty: difficulty(block.height, this.self, this.n) };
    this.ctx.emit(sealed);
    const msg: PoaBlockMessage = { kind: 'poa-block', block, seal };
    const size = block.sizeBytes + SEAL_BYTES;
    for (let i = 0; i < this.n; i++) if (i !== this.self) this.ctx.send(this.config.replicaHosts[i]!, msg, size);
    this.seals.set(block.hash, seal);
    this.connect(block);
  }

  // ---- receiving blocks (EIP-225 "Block validation"; "Chain selection") ----

  private onBlock(from: HostId, m: PoaBlockMessage): void {
    const block = m.block;
    if (this.chain.has(block.hash)) return;
    const c = this.config.crypto;
    this.ctx.cpu(blockHashCostUs(c, block.txs.length, block.sizeBytes) + c.verifyUs);
    const signer = this.signerOf(block.proposer);
    if (signer < 0 || !verifyBlock(block)) return;
    // A block from the future is invalid wherever it comes from (gossip or a sync reply): its
    // signer's clock would set the ledger's time (block-time.ts).
    if (aheadOfClock(block.timestampUs, this.ctx.nowUs, this.params.blockTimePrecision)) return;
    const v = this.config.verifier;
    if (v !== undefined && !v.verify(m.seal, block.proposer, v.digest(sealTerm(block.hash)))) return;
    // Block validation: the block's transactions this signer has not admitted itself (docs/references.md §6).
    this.txAuth.validate(block.txs);
    this.seals.set(block.hash, m.seal);
    if (!this.chain.has(block.parentHash)) {
      this.holdUntilParent(block);
      this.askForAncestors(from, block.parentHash);
      return;
    }
    if (this.validOnParent(block)) this.connect(block);
  }

  /** The rules that need the parent: timestamp spacing and the recent-signer limit. */
  private validOnParent(block: Block): boolean {
    const parent = this.chain.get(block.parentHash)!;
    if (block.height !== parent.height + 1) return false;
    if (block.timestampUs < parent.timestampUs + this.params.period) return false;
    return !this.signedRecently(this.chain.tree.idOf(parent.hash), this.signerOf(block.proposer));
  }

  /** EIP-225's signer limit: `signer` signed one of the last ⌊N/2⌋ blocks up to `parentId`. */
  private signedRecently(parentId: number, signer: number): boolean {
    return this.options.ignoresSignerLimit !== true && signedRecently(this.chain.tree, parentId, signer, this.n, this.signerOf);
  }

  /**
   * Blocks sealed while this signer was cut off never reach it again by gossip; without them it can
   * never connect the chain the others extend (geth syncs the missing part from the peer whose
   * block it cannot connect).
   */
  private askForAncestors(from: HostId, hash: string): void {
    const askedUs = this.requestedUs.get(hash);
    if (!this.pending.has(hash) || (askedUs !== undefined && this.ctx.nowUs - askedUs < this.params.period)) return;
    this.requestedUs.set(hash, this.ctx.nowUs);
    const req: PoaGetBlocksMessage = { kind: 'poa-get-blocks', hash };
    this.ctx.send(from, req, GET_BLOCKS_BYTES);
  }

  /**
   * The head moved: announce it only if it stays put for two block times (period plus the wiggle
   * bound), long enough that a live chain never announces. Blocks sealed while peers were cut off
   * reach them no other way when every signer that may extend the chain lacks it.
   */
  private scheduleStatus(): void {
    if (this.statusTimer !== NO_TIMER) this.ctx.cancelTimer(this.statusTimer);
    this.statusTimer = this.ctx.setTimer(2 * (this.params.period + wiggleBoundUs(this.n, this.params.wiggle)), TIMER_STATUS);
  }

  private announceHead(): void {
    const status: PoaStatusMessage = { kind: 'poa-status', head: this.chain.head.hash, totalDifficulty: this.chain.headWeight };
    for (let i = 0; i < this.n; i++) if (i !== this.self) this.ctx.send(this.config.replicaHosts[i]!, status, STATUS_BYTES);
    this.scheduleStatus();
  }

  /**
   * A peer's head is unknown here and its chain at least as heavy: fetch it (and, through onBlock,
   * what it needs), and let the fork choice decide. An equal weight matters: geth prefers the
   * lower of two equally heavy heads, and two forks whose last blocks were signed by the signers
   * that follow them leave no signer free to extend either (EIP-225's signer limit) until one side
   * learns of the other's head.
   */
  private onStatus(from: HostId, m: PoaStatusMessage): void {
    if (m.totalDifficulty < this.chain.headWeight || this.chain.has(m.head)) return;
    const askedUs = this.requestedUs.get(m.head);
    if (askedUs !== undefined && this.ctx.nowUs - askedUs < this.params.period) return;
    this.requestedUs.set(m.head, this.ctx.nowUs);
    const req: PoaGetBlocksMessage = { kind: 'poa-get-blocks', hash: m.head };
    this.ctx.send(from, req, GET_BLOCKS_BYTES);
  }

  /** Serve a block and its ancestors, oldest first, stopping at genesis. */
  private onGetBlocks(from: HostId, m: PoaGetBlocksMessage): void {
    if (!this.chain.has(m.hash) || this.chain.get(m.hash)!.height === 0) return;
    const blocks: PoaBlockMessage[] = [];
    let size = GET_BLOCKS_BYTES;
    let block = this.chain.get(m.hash)!;
    while (block.height > 0 && blocks.length < ANCESTORS_PER_REPLY) {
      blocks.push({ kind: 'poa-block', block, seal: this.seals.get(block.hash) });
      size += block.sizeBytes + SEAL_BYTES;
      block = this.chain.get(block.parentHash)!;
    }
    blocks.reverse();
    const reply: PoaBlocksMessage = { kind: 'poa-blocks', blocks };
    this.ctx.send(from, reply, size);
  }

  private holdUntilParent(block: Block): void {
    if (this.pendingCount >= PENDING_MAX) return;
    const list = this.pending.get(block.parentHash);
    if (list === undefined) this.pending.set(block.parentHash, [block]);
    else if (!list.some((b) => b.hash === block.hash)) list.push(block);
    else return;
    this.pendingCount++;
  }

  private connect(block: Block): void {
    const r = this.chain.add(block);
    if (r.outcome !== 'connected') return;
    this.requestedUs.delete(block.hash);
    if (r.headChange !== null) this.onHeadChange(r.headChange);
    // Children that were waiting on this block.
    const waiting = this.pending.get(block.hash);
    if (waiting !== undefined) {
      this.pending.delete(block.hash);
      this.pendingCount -= waiting.length;
      for (const child of waiting) if (!this.chain.has(child.hash) && this.validOnParent(child)) this.connect(child);
    }
  }

  private onHeadChange(hc: HeadChange): void {
    if (hc.removed.length > 0) {
      const committedRemoved = Math.max(0, this.committedHeight - hc.forkHeight);
      const reorg: PoaReorgEvent = { kind: 'poa-reorg', depth: hc.removed.length, committedRemoved };
      this.ctx.emit(reorg);
      const kept = new Set<number>();
      for (const b of hc.added) for (const tx of b.txs) kept.add(tx.id);
      for (const b of hc.removed) {
        for (const tx of b.txs) {
          if (kept.has(tx.id) || this.mempool.isCommitted(tx.id)) continue;
          this.mempool.unpropose(tx.id);
          this.admit(tx);
        }
      }
    }
    for (const b of hc.added) for (const tx of b.txs) this.mempool.markProposed(tx);
    this.commitFinal();
    this.scheduleSeal();
  }

  // ---- finality by confirmations ----

  private commitFinal(): void {
    const finalHeight = this.chain.headHeight - this.confirmations;
    while (this.committedHeight < finalHeight) {
      const block = this.chain.canonicalAt(this.committedHeight + 1)!;
      this.committedHeight++;
      const now = this.ctx.nowUs;
      let workUs = 0;
      for (const tx of block.txs) {
        workUs += executionCostUs(this.config.crypto, this.app.execute(tx, block, now));
        this.mempool.markCommitted(tx);
      }
      // Every authority executes the final block, so every authority pays for the application's work.
      if (workUs > 0) this.ctx.cpu(workUs);
      const ev: CommitEvent = { kind: 'commit', block };
      this.ctx.emit(ev);
      for (const tx of block.txs) if (this.fromClient.delete(tx.id)) this.reply(tx, block);
    }
  }

  private reply(tx: Transaction, block: Block): void {
    const r: ReplyMessage = { kind: 'reply', txId: tx.id, height: block.height, blockHash: block.hash, replica: this.ctx.self };
    this.ctx.cpu(replySignCostUs(POA_REPLY_AUTHENTICATION, this.config.crypto));
    this.ctx.send(tx.sender, r, replyBytes(POA_REPLY_AUTHENTICATION));
  }

  /** The committed block holding a transaction (a client retransmitted after the reply was lost). */
  private findCommitted(id: number): Block | undefined {
    for (let h = this.committedHeight; h > 0; h--) {
      const b = this.chain.canonicalAt(h);
      if (b !== undefined && b.txs.some((tx) => tx.id === id)) return b;
    }
    return undefined;
  }
}

