/**
 * The machinery shared by proof-of-work attackers that withhold blocks (selfish mining, the
 * double-spend race, the majority attacker): the same relay as honest nodes, a public view of the
 * chain (what the network has shown it plus what it has published), a private branch mined
 * from a chosen block, and publishing part or all of that branch. The strategy — when to publish,
 * when to give up — lives in the subclasses and their pure state machines. Nothing here touches
 * the honest node's code; an attacker is a different actor on its host.
 */
import { exponential, type Actor, type ActorContext, type HostId, type TimerId } from '../../../sim/index.ts';
import type { ChainStore } from '../../ledger/chain-store.ts';
import { mineBlock, nextDifficulty } from '../../protocols/pow/block.ts';
import { powChainStore, type PowNodeOptions } from '../../protocols/pow/node.ts';
import type { PowParams } from '../../protocols/pow/params.ts';
import { PowRelay, type RelayOwner } from '../../protocols/pow/relay.ts';
import type { PowBlock, PowMessage, PowMinedEvent } from '../../protocols/pow/types.ts';

const MINE_TIMER = 1;

/** When the attacker withholds: [startUs, endUs); outside it the host mines and relays honestly. */
export interface AttackWindow {
  readonly startUs: number;
  readonly endUs: number;
  /** Whether, inside the window, it relays other miners' blocks as honest nodes do. */
  readonly relayRivalBlocks: boolean;
}

export abstract class WithholdingMiner implements Actor<unknown>, RelayOwner {
  /** What the network has shown this node, plus the blocks it has published. */
  readonly publicChain: ChainStore;
  readonly relay: PowRelay;
  protected readonly params: PowParams;
  /** The private branch: blocks above `forkBlock`, lowest first. */
  protected privateBranch: PowBlock[] = [];
  protected forkBlock: PowBlock;
  private readonly hashShare: number;
  private readonly candidates: readonly HostId[];
  private readonly privateHashes = new Set<string>();
  private nonce = 0;
  private timer: TimerId = -1;
  /** Mined by this node, in order (ground truth for revenue). */
  readonly minedBlocks: PowBlock[] = [];
  private phase: 'before' | 'attacking' | 'after' = 'before';

  constructor(
    protected readonly ctx: ActorContext<unknown>,
    o: PowNodeOptions,
    /** Outbound connections; more than honest nodes' models a well-connected attacker (higher γ). */
    outboundPeers: number,
    private readonly window: AttackWindow,
  ) {
    this.params = { ...o.params, outboundPeers, outboundPeerCounts: 'fixed' };
    this.hashShare = o.hashShare;
    this.candidates = o.candidates;
    this.publicChain = powChainStore(o.genesis, o.tree);
    this.relay = new PowRelay(ctx, this, this.params, o.sendTimed);
    this.syncHeadWork();
    this.forkBlock = o.genesis;
  }

  onStart(): void {
    this.relay.connect(this.candidates);
    this.scheduleMining();
  }

  onMessage(from: HostId, msg: unknown): void {
    if ((msg as PowMessage).kind === 'pow') this.relay.handle(from, msg as PowMessage);
  }

  onTimer(tag: number): void {
    if (tag !== MINE_TIMER) {
      this.relay.onTimer(tag);
      return;
    }
    this.timer = -1;
    const attacking = this.updatePhase();
    const parent = attacking ? this.privateHead : this.publicHead;
    const d = nextDifficulty(parent, this.params.retargetBlocks, this.params.blockIntervalUs);
    const block = mineBlock(parent, this.ctx.self, this.ctx.nowUs, d, this.params.blockSizeBytes, this.params.txSizeBytes, this.nonce++);
    const mined: PowMinedEvent = { kind: 'pow-mined', block };
    this.ctx.emit(mined);
    this.minedBlocks.push(block);
    if (attacking) {
      this.privateBranch.push(block);
      this.privateHashes.add(block.hash);
      this.onOwnBlock(block);
    } else {
      this.publish(block); // outside the window it behaves like an honest miner
    }
    if (this.timer === -1) this.scheduleMining();
  }

  /** Whether the attack is on now; starts the strategy at `startUs`, winds it up at `endUs`. */
  private updatePhase(): boolean {
    const now = this.ctx.nowUs;
    if (this.phase === 'before' && now >= this.window.startUs && now < this.window.endUs) {
      this.phase = 'attacking';
      this.restartFrom(this.publicHead);
      this.onAttackStart(this.publicHead);
    } else if (this.phase === 'attacking' && now >= this.window.endUs) {
      this.phase = 'after';
      // The window closed: hand over whatever was withheld (it wins only if it is longer).
      this.publishUpTo(Infinity);
      this.restartFrom(this.publicHead);
    }
    return this.phase === 'attacking';
  }

  /** The block this node mines on: the top of its private branch, or the fork block. */
  get privateHead(): PowBlock {
    return this.privateBranch.length > 0 ? this.privateBranch[this.privateBranch.length - 1]! : this.forkBlock;
  }

  get publicHead(): PowBlock {
    return this.publicChain.head as PowBlock;
  }

  // ---- RelayOwner ----

  knows(block: PowBlock): boolean {
    return this.privateHashes.has(block.hash) || this.publicChain.knows(block.hash);
  }

  /** Only what it has published: withheld blocks are never handed out. */
  canServe(block: PowBlock): boolean {
    return this.publicChain.has(block.hash);
  }

  deliver(block: PowBlock, from: HostId): void {
    const before = this.publicChain.headHeight;
    const r = this.publicChain.add(block);
    if (r.outcome === 'orphaned') {
      if (block.parent !== null) this.relay.request(block.parent, from);
      return;
    }
    for (let i = 0; i < r.connected.length; i++) this.ctx.emit((r.connected[i] as PowBlock).received);
    if (r.headChange !== null) {
      this.syncHeadWork();
      // By default relay like an honest node (withholding is about its own blocks, not others');
      // with relayRivalBlocks off, not while attacking, so a tie's rival block gets no help from it.
      if (this.window.relayRivalBlocks || this.phase !== 'attacking') {
        for (const b of r.headChange.added) if (!this.privateHashes.has(b.hash)) this.relay.announce(b as PowBlock, from);
      }
      if (this.updatePhase() && this.publicChain.headHeight > before) this.onPublicGrowth(this.publicHead);
    }
  }

  // ---- for strategies ----

  /** The attack begins, mining from `head`. */
  protected abstract onAttackStart(head: PowBlock): void;
  /** A block this node just mined is on top of its private branch. */
  protected abstract onOwnBlock(block: PowBlock): void;
  /** The public chain grew (its head is `head`), by someone else's block. */
  protected abstract onPublicGrowth(head: PowBlock): void;

  /** Publish the private branch up to `height`: add to the public view and announce. */
  protected publishUpTo(height: number): void {
    for (const b of this.privateBranch) {
      if (b.height > height || this.publicChain.has(b.hash)) continue;
      this.publish(b);
    }
  }

  private publish(b: PowBlock): void {
    this.publicChain.add(b);
    this.syncHeadWork();
    this.ctx.emit(b.received);
    this.relay.announce(b, this.ctx.self);
  }

  /** The relay fetches what beats the public head: the attacker must hear every block that lengthens it. */
  private syncHeadWork(): void {
    this.relay.headWork = this.publicChain.headWeight;
  }

  /** Drop the private branch and mine from `block` (a public block). */
  protected restartFrom(block: PowBlock): void {
    this.privateBranch = [];
    this.forkBlock = block;
  }

  private scheduleMining(): void {
    if (this.hashShare <= 0) return;
    const d = nextDifficulty(this.phase === 'attacking' ? this.privateHead : this.publicHead, this.params.retargetBlocks, this.params.blockIntervalUs);
    this.timer = this.ctx.setTimer(exponential(this.ctx.rng, (this.params.blockIntervalUs * d) / this.hashShare), MINE_TIMER);
  }
}
