/**
 * An honest Nakamoto proof-of-work node (Nakamoto 2008; relay as in Bitcoin Core and SimBlock).
 *
 * Mining (§5 "Network", step 3: each node works on finding a proof-of-work for its block): block
 * discovery is a Poisson process, so the time to this node's next block is Exp(interval ·
 * difficulty / share). The exponential is memoryless: a draw made before the tip changed has the
 * same law as a fresh one, so the pending draw is kept when the tip changes and the block found
 * extends whatever the tip is then; a redraw is needed only when the next block's difficulty
 * (hence the rate) changes.
 *
 * Fork choice (§4, §5 step 6): the chain with most work, first seen on a tie (ChainStore).
 * Finality (§11): a block is committed once k blocks, itself included, are on the best chain;
 * commits are emitted in height order. A reorganisation that removes committed blocks is reported
 * (`pow-reorg` with `committedRemoved` > 0) and the new blocks at those heights are committed,
 * so the safety checker sees the conflicting commits.
 */
import { exponential, type Actor, type ActorContext, type HostId, type TimerId } from '../../../sim/index.ts';
import { ChainStore, type BlockTree, type HeadChange } from '../../ledger/chain-store.ts';
import type { CryptoCosts } from '../../ledger/crypto.ts';
import { TxAuthenticator, type TxAuth } from '../../ledger/tx-authentication.ts';
import type { Block } from '../../ledger/types.ts';
import type { ReplyMessage, RequestMessage } from '../types.ts';
import { HEADER_SIZE_BYTES, mineBlock, nextDifficulty, blockWork } from './block.ts';
import { TxPool } from './tx-pool.ts';
import type { PowParams } from './params.ts';
import type { TimedSend } from './block-server.ts';
import { PowRelay, type RelayOwner } from './relay.ts';
import { PowMsgType, type PowBlock, type PowMessage, type PowMinedEvent, type PowReorgEvent } from './types.ts';

const MINE_TIMER = 1;
/** Bitcoin P2P message header around a transaction. */
const REQUEST_OVERHEAD_BYTES = 24;
const REPLY_SIZE_BYTES = 100;

export interface PowNodeOptions {
  readonly params: PowParams;
  /** This node's share of the total hash power, in [0, 1]. */
  readonly hashShare: number;
  /** Hosts this node may open connections to (all PoW nodes). */
  readonly candidates: readonly HostId[];
  readonly genesis: PowBlock;
  /** A block registry shared by the run's nodes (saves memory); private by default. */
  readonly tree?: BlockTree;
  /** The engine's send that reports arrival times (runPowNetwork lends it); for `blockServing: 'sequential'`. */
  readonly sendTimed?: TimedSend;
  /**
   * What submitted transactions carry and what checking one costs; none by default (the synthetic
   * filler of SimBlock's blocks is not materialised: `blockProcessing` stands for its validation).
   */
  readonly txAuth?: { readonly auth: TxAuth; readonly costs: CryptoCosts };
}

/** Build the chain store every PoW node uses: most work wins, first seen on ties. */
export function powChainStore(genesis: PowBlock, tree?: BlockTree): ChainStore {
  return tree === undefined ? new ChainStore(genesis, { weight: blockWork }) : new ChainStore(genesis, { tree });
}

export class PowNode implements Actor<unknown>, RelayOwner {
  readonly chain: ChainStore;
  readonly relay: PowRelay;
  private readonly params: PowParams;
  private readonly hashShare: number;
  private readonly candidates: readonly HostId[];
  private mineTimer: TimerId = -1;
  private timerDifficulty = 0;
  private committedHeight = 0;
  private nonce = 0;
  private readonly txPool = new TxPool();
  /** Checks each submitted transaction once: at mempool acceptance, or in the first block that carries it. */
  private readonly txAuth: TxAuthenticator | undefined;
  /** Work of the best chain, mirrored from the chain store for the announcement fast path. */
  private headWork: number;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    o: PowNodeOptions,
  ) {
    this.params = o.params;
    this.hashShare = o.hashShare;
    this.candidates = o.candidates;
    this.chain = powChainStore(o.genesis, o.tree);
    this.relay = new PowRelay(ctx, this, o.params, o.sendTimed);
    this.txAuth = o.txAuth === undefined ? undefined : new TxAuthenticator(ctx, o.txAuth.auth, o.txAuth.costs);
    this.headWork = this.chain.headWeight;
    this.relay.headWork = this.headWork;
  }

  onStart(): void {
    this.relay.connect(this.candidates);
    this.scheduleMining();
  }

  onMessage(from: HostId, msg: unknown): void {
    const kind = (msg as PowMessage | RequestMessage).kind;
    if (kind === 'pow') {
      // Most messages announce a block this node already has or beats: drop them touching no
      // object but this one (the relay would reach the same verdict; see PowRelay.handle).
      const m = msg as PowMessage;
      if (m.type === PowMsgType.inv && m.block.totalWork <= this.headWork) return;
      this.relay.handle(from, m);
    }
    else if (kind === 'request') this.onRequest(from, msg as RequestMessage);
  }

  /** A transaction from a client or a peer: keep it for mining and gossip it on (Bitcoin's tx relay). */
  private onRequest(from: HostId, msg: RequestMessage): void {
    this.txAuth?.admit(msg.tx);
    const fromPeer = this.relay.peers.includes(from);
    if (!this.txPool.offer(msg.tx, fromPeer ? undefined : from)) return;
    const peers = this.relay.peers;
    const size = msg.tx.sizeBytes + REQUEST_OVERHEAD_BYTES;
    for (let i = 0; i < peers.length; i++) if (peers[i] !== from) this.ctx.send(peers[i]!, msg, size);
  }

  onTimer(tag: number): void {
    if (tag === MINE_TIMER) this.mine();
    else this.relay.onTimer(tag);
  }

  // ---- RelayOwner ----

  knows(block: PowBlock): boolean {
    return this.chain.knows(block.hash);
  }

  canServe(block: PowBlock): boolean {
    return this.chain.has(block.hash);
  }

  /** A block arrived (the relay has charged its processing): validate, connect, adopt if it has more work, relay. */
  deliver(block: PowBlock, from: HostId): void {
    // Its submitted transactions not checked at mempool acceptance, in parallel (Bitcoin Core's
    // signature cache and script-check threads; docs/references.md §6).
    this.txAuth?.validate(block.txs);
    const r = this.chain.add(block);
    if (r.outcome === 'orphaned') {
      // Headers-first sync: fetch the missing parent from the peer that had the child.
      if (block.parent !== null) this.relay.request(block.parent, from);
      return;
    }
    for (let i = 0; i < r.connected.length; i++) this.ctx.emit((r.connected[i] as PowBlock).received);
    if (r.headChange !== null) this.adopt(r.headChange, from);
  }

  // ---- mining ----

  private scheduleMining(): void {
    if (this.hashShare <= 0) return;
    const d = nextDifficulty(this.chain.head as PowBlock, this.params.retargetBlocks, this.params.blockIntervalUs);
    this.timerDifficulty = d;
    const meanUs = (this.params.blockIntervalUs * d) / this.hashShare;
    this.mineTimer = this.ctx.setTimer(exponential(this.ctx.rng, meanUs), MINE_TIMER);
  }

  private mine(): void {
    const p = this.params;
    const parent = this.chain.head as PowBlock;
    const txs = this.txPool.size > 0 ? this.txPool.select(p.blockSizeBytes - HEADER_SIZE_BYTES) : undefined;
    const block = mineBlock(parent, this.ctx.self, this.ctx.nowUs, this.timerDifficulty, p.blockSizeBytes, p.txSizeBytes, this.nonce++, txs);
    const mined: PowMinedEvent = { kind: 'pow-mined', block };
    this.ctx.emit(mined);
    const r = this.chain.add(block);
    this.ctx.emit(block.received);
    this.mineTimer = -1;
    if (r.headChange !== null) this.adopt(r.headChange, this.ctx.self);
    if (this.mineTimer === -1) this.scheduleMining();
  }

  /** The head moved: announce the new chain's blocks, re-aim mining, commit what is k-deep. */
  private adopt(hc: HeadChange, from: HostId): void {
    this.headWork = this.chain.headWeight;
    this.relay.headWork = this.headWork;
    const added = hc.added;
    for (let i = 0; i < added.length; i++) this.relay.announce(added[i] as PowBlock, from);
    if (this.mineTimer !== -1) {
      const d = nextDifficulty(hc.head as PowBlock, this.params.retargetBlocks, this.params.blockIntervalUs);
      if (d !== this.timerDifficulty) {
        this.ctx.cancelTimer(this.mineTimer);
        this.scheduleMining();
      }
    }
    this.commit(hc);
  }

  private commit(hc: HeadChange): void {
    if (this.txPool.size > 0 || hc.removed.length > 0 || carriesTxs(hc.added)) this.txPool.onHeadChange(hc.removed, hc.added);
    if (hc.removed.length > 0) {
      const committedRemoved = Math.max(0, this.committedHeight - hc.forkHeight);
      const reorg: PowReorgEvent = { kind: 'pow-reorg', depth: hc.removed.length, committedRemoved };
      this.ctx.emit(reorg);
      if (committedRemoved > 0) this.committedHeight = hc.forkHeight;
    }
    const finalHeight = this.chain.headHeight - this.params.confirmations + 1;
    while (this.committedHeight < finalHeight) {
      this.committedHeight++;
      const block = this.chain.canonicalAt(this.committedHeight) as PowBlock;
      this.ctx.emit(block.commit);
      for (const tx of block.txs) this.reply(tx.id, block);
    }
  }

  /** §11: the client accepts once its transaction is k blocks deep; this node tells it so. */
  private reply(txId: number, block: PowBlock): void {
    const client = this.txPool.takeClient(txId);
    if (client === undefined) return;
    const r: ReplyMessage = { kind: 'reply', txId, height: block.height, blockHash: block.hash, replica: this.ctx.self };
    this.ctx.send(client, r, REPLY_SIZE_BYTES);
  }
}

function carriesTxs(blocks: readonly Block[]): boolean {
  for (let i = 0; i < blocks.length; i++) if (blocks[i]!.txs.length > 0) return true;
  return false;
}
