/**
 * Block relay between peers, as Bitcoin Core does it and SimBlock models it (Aoki et al. 2019
 * §III-B): a node that adopts a block announces it (inv); a peer that finds the block better than
 * its own head asks for it (getdata) from the first announcer and from no one else while waiting;
 * the block travels over the sender's uplink (serialization at min(upload, download) in sim/),
 * or as a BIP 152 compact block when both ends use compact relay. A compact block fails to
 * rebuild with the node's failure rate; the missing transactions are then fetched
 * (getblocktxn → blocktxn).
 *
 * Announcements skip peers known to have the block (they announced it while it was downloading),
 * as Bitcoin Core does; SimBlock announces to every neighbour, which `announceToKnownPeers` restores.
 * The skipped announcements would be ignored by their receivers, so propagation is unchanged; only
 * the number of messages (and events) differs.
 *
 * The peer graph: each node opens `outboundPeers` connections to distinct random nodes at start
 * (Bitcoin Core's outbound slots); connections are two-way, so a node also relays to those that
 * connected to it (the handshake tells them). Inbound slots are not capped: with 8 outbound links
 * among thousands of nodes the inbound count is about Poisson(8), far below Bitcoin's 117.
 */
import type { ActorContext, HostId } from '../../../sim/index.ts';
import type { PowParams } from './params.ts';
import {
  CONNECT_COMPACT,
  CONNECT_FULL,
  CONNECT_SIZE_BYTES,
  GETBLOCKTXN_SIZE_BYTES,
  GETDATA_SIZE_BYTES,
  INV_SIZE_BYTES,
  PowMsgType,
  type PowBlock,
  type PowMessage,
} from './types.ts';

/** What the relay needs from the node that owns it. */
export interface RelayOwner {
  /** Whether the node already has the block (connected or waiting for its parent). */
  knows(block: PowBlock): boolean;
  /** Whether the node will hand the block to a peer that asks. */
  canServe(block: PowBlock): boolean;
  /** A whole block arrived from `from`. */
  deliver(block: PowBlock, from: HostId): void;
}

/** How long a requested block may take before another peer is asked. */
export const BLOCK_DOWNLOAD_TIMEOUT_US = 60_000_000;

export class PowRelay {
  /** Peers, outbound first; `peerCompact[i]` says whether peer i uses compact blocks. */
  readonly peers: HostId[] = [];
  private peerCompact = new Uint8Array(16);
  /** The most-work block each peer is known to have (it announced it, or we sent it). */
  private readonly peerBest: (PowBlock | null)[] = [];
  /** Blocks requested and not yet received, with the time of the request. */
  private readonly downloading = new Map<PowBlock, number>();
  readonly usesCompact: boolean;
  /**
   * Work of the owner's best chain, kept here by the owner: announced blocks not heavier are not
   * fetched. A field, not a call, because nearly every announcement stops at this test and it
   * should touch no object but this one (thousands of nodes, one cache line each).
   */
  headWork = 0;
  private readonly compactFailureRate: number;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly owner: RelayOwner,
    private readonly params: PowParams,
  ) {
    // Drawn from the node's own stream, in a fixed order, so adding nodes changes no other draws.
    this.usesCompact = ctx.rng.float() < params.compactBlockShare;
    const churning = ctx.rng.float() < params.churnShare;
    this.compactFailureRate = churning ? params.churnCompactFailureRate : params.compactFailureRate;
  }

  /** Open `outboundPeers` connections to distinct nodes among `candidates` (excluding self). */
  connect(candidates: readonly HostId[]): void {
    const self = this.ctx.self;
    const others = candidates.length - (candidates.includes(self) ? 1 : 0);
    const want = Math.min(this.params.outboundPeers, others);
    const rng = this.ctx.rng;
    while (this.peers.length < want) {
      const h = candidates[rng.int(candidates.length)]!;
      if (h === self || this.peers.includes(h)) continue;
      this.addPeer(h, false);
      this.ctx.send(h, this.usesCompact ? CONNECT_COMPACT : CONNECT_FULL, CONNECT_SIZE_BYTES);
    }
  }

  /** Tell every peer but `except` about a block this node adopted. */
  announce(block: PowBlock, except: HostId): void {
    const peers = this.peers;
    const msg = block.msgInv;
    for (let i = 0; i < peers.length; i++) {
      const p = peers[i]!;
      // Bitcoin Core announces a block only to peers not known to have it (PeerHasHeader in
      // net_processing.cpp); SimBlock announces to every neighbour (`announceToKnownPeers`).
      if (p === except || (!this.params.announceToKnownPeers && this.peerHas(i, block))) continue;
      this.ctx.send(p, msg, INV_SIZE_BYTES);
    }
  }

  /** Ask `from` for a block (used for the missing parent of an orphan). */
  request(block: PowBlock, from: HostId): void {
    if (this.awaiting(block) || this.owner.knows(block)) return;
    this.downloading.set(block, this.ctx.nowUs);
    this.ctx.send(from, block.msgGetdata, GETDATA_SIZE_BYTES);
  }

  /**
   * Whether a request for the block is still in time. A peer that crashed or withheld it would
   * otherwise block the download for good; past the timeout another announcer is asked (Bitcoin
   * Core disconnects a peer that stalls a block download and fetches it elsewhere).
   */
  private awaiting(block: PowBlock): boolean {
    const sentUs = this.downloading.get(block);
    return sentUs !== undefined && this.ctx.nowUs - sentUs < BLOCK_DOWNLOAD_TIMEOUT_US;
  }

  /** Handle a relay message (Bitcoin P2P: inv, getdata, block; BIP 152: cmpctblock, getblocktxn, blocktxn). */
  handle(from: HostId, msg: PowMessage): void {
    switch (msg.type) {
      case PowMsgType.inv: {
        const b = msg.block;
        // Cheapest test first: most announcements name a block this node already has or beats
        // (and has announced already, so who else has it no longer matters).
        if (b.totalWork <= this.headWork) return;
        this.learn(from, b);
        if (this.awaiting(b) || this.owner.knows(b)) return;
        this.downloading.set(b, this.ctx.nowUs);
        this.ctx.send(from, b.msgGetdata, GETDATA_SIZE_BYTES);
        return;
      }
      case PowMsgType.getdata: {
        const b = msg.block;
        if (!this.owner.canServe(b)) return;
        if (this.usesCompact && this.peerUsesCompact(from)) this.ctx.send(from, b.msgCmpct, this.params.compactBlockSizeBytes);
        else this.ctx.send(from, b.msgBlock, b.sizeBytes);
        return;
      }
      case PowMsgType.cmpctBlock: {
        const b = msg.block;
        if (this.ctx.rng.float() < this.compactFailureRate) {
          this.ctx.send(from, b.msgGetBlockTxn, GETBLOCKTXN_SIZE_BYTES);
          return;
        }
        this.arrived(b, from);
        return;
      }
      case PowMsgType.getBlockTxn:
        this.ctx.send(from, msg.block.msgBlockTxn, this.params.compactFailureBytes);
        return;
      case PowMsgType.block:
      case PowMsgType.blockTxn:
        this.arrived(msg.block, from);
        return;
      case PowMsgType.connect: {
        const i = this.peers.indexOf(from);
        if (i >= 0) {
          this.peerCompact[i] = msg.compactBlocks ? 1 : 0;
          return;
        }
        // An inbound connection: accept it and answer with our own sendcmpct flag.
        this.addPeer(from, msg.compactBlocks);
        this.ctx.send(from, this.usesCompact ? CONNECT_COMPACT : CONNECT_FULL, CONNECT_SIZE_BYTES);
        return;
      }
    }
  }

  /** Bitcoin Core's PeerHasHeader: the peer's best known block is `b` or builds on it. */
  private peerHas(i: number, b: PowBlock): boolean {
    let k = this.peerBest[i] ?? null;
    if (k === null || k.height < b.height) return false;
    while (k !== null && k.height > b.height) k = k.parent;
    return k === b;
  }

  private learn(from: HostId, b: PowBlock): void {
    const i = this.peers.indexOf(from);
    if (i < 0) return;
    const k = this.peerBest[i] ?? null;
    if (k === null || b.totalWork > k.totalWork) this.peerBest[i] = b;
  }

  private arrived(b: PowBlock, from: HostId): void {
    this.downloading.delete(b);
    this.owner.deliver(b, from);
  }

  private peerUsesCompact(h: HostId): boolean {
    const i = this.peers.indexOf(h);
    return i >= 0 && this.peerCompact[i] === 1;
  }

  private addPeer(h: HostId, compact: boolean): void {
    const i = this.peers.length;
    if (i === this.peerCompact.length) {
      const c = new Uint8Array(i * 2);
      c.set(this.peerCompact);
      this.peerCompact = c;
    }
    this.peers.push(h);
    this.peerCompact[i] = compact ? 1 : 0;
    this.peerBest.push(null);
  }
}
