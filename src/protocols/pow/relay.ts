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
 * SimBlock's other relay rules are parameters (docs/pow.md, "Reproducing SimBlock"): block
 * requests served one at a time (`blockServing: 'sequential'`, block-server.ts), 10 ms more on
 * every control message (`controlMessageDelay`), the missing transactions of a failed compact
 * block drawn from its table (`compactFailureBytes: 'simblock'`) and outbound counts drawn from
 * Bitcoin's 2015 distribution (`outboundPeers: 'bitcoin-2015'`), all in simblock-relay.ts.
 *
 * The peer graph: each node opens `outboundPeers` connections to distinct random nodes at start
 * (Bitcoin Core's outbound slots); connections are two-way, so a node also relays to those that
 * connected to it (the handshake tells them). Inbound slots are not capped: with 8 outbound links
 * among thousands of nodes the inbound count is about Poisson(8), far below Bitcoin's 117 (SimBlock's
 * routing/BitcoinCoreTable caps none either).
 */
import type { ActorContext, HostId } from '../../../sim/index.ts';
import { SequentialBlockServer, type TimedSend } from './block-server.ts';
import type { PowParams } from './params.ts';
import { bitcoin2015OutboundPeers, simblockFailedCompactBytes } from './simblock-relay.ts';
import {
  CONNECT_COMPACT,
  CONNECT_FULL,
  CONNECT_SIZE_BYTES,
  GETBLOCKTXN_SIZE_BYTES,
  GETDATA_SIZE_BYTES,
  INV_SIZE_BYTES,
  PowMsgType,
  type PowBlock,
  type PowBlockMessage,
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

/** Timer tag of delayed control messages (`controlMessageDelay`); the owner's tags stay below it. */
export const CONTROL_TIMER = 2;

/** The size a delayed control message records for an announcement to every peer but the one named. */
const ANNOUNCEMENT = -1;

export class PowRelay {
  /** Peers, outbound first; `peerCompact[i]` says whether peer i uses compact blocks. */
  readonly peers: HostId[] = [];
  private peerCompact = new Uint8Array(16);
  /** The most-work block each peer announced; kept only where announcements skip peers known to have a block. */
  private readonly peerBest: (PowBlock | null)[] = [];
  /**
   * The block requested last and not yet received, and when. Nearly every announcement that passes
   * the work test names it (half of all announcements on SimBlock's network arrive while their
   * block downloads), so it is checked without a map lookup.
   */
  private lastRequested: PowBlock | null = null;
  private lastRequestedUs = 0;
  /** Blocks requested before it and not yet received, with the time of the request. */
  private readonly earlierRequests = new Map<PowBlock, number>();
  /** Whether announcements consult `peerBest` (only to skip peers known to have the block). */
  private readonly tracksPeerBlocks: boolean;
  /** Those of them asked for as the missing parent of another block, not after an announcement. */
  private readonly parentFetches = new Set<PowBlock>();
  readonly usesCompact: boolean;
  /**
   * Work of the owner's best chain, kept here by the owner: announced blocks not heavier are not
   * fetched. A field, not a call, because nearly every announcement stops at this test and it
   * should touch no object but this one (thousands of nodes, one cache line each).
   */
  headWork = 0;
  private readonly churning: boolean;
  private readonly compactFailureRate: number;
  /** SimBlock's one-at-a-time server; null where requests are answered at once. */
  private readonly server: SequentialBlockServer | null;
  /**
   * Control messages waiting out `controlMessageDelay`, a FIFO over parallel arrays reused from the
   * start once empty (no record per message): `msg` to `peer`, or, where the size is ANNOUNCEMENT,
   * an announcement of `msg`'s block to every peer but `peer`.
   */
  private readonly delayedPeer: HostId[] = [];
  private readonly delayedMsg: PowBlockMessage[] = [];
  private readonly delayedSizeBytes: number[] = [];
  private delayedHead = 0;
  private delayedTail = 0;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly owner: RelayOwner,
    private readonly params: PowParams,
    /** The engine's send that reports arrival times; needed by `blockServing: 'sequential'`. */
    sendTimed?: TimedSend,
  ) {
    // Drawn from the node's own stream, in a fixed order, so adding nodes changes no other draws.
    this.usesCompact = ctx.rng.float() < params.compactBlockShare;
    this.churning = ctx.rng.float() < params.churnShare;
    this.compactFailureRate = this.churning ? params.churnCompactFailureRate : params.compactFailureRate;
    this.tracksPeerBlocks = !params.announceToKnownPeers;
    if (params.blockServing === 'sequential') {
      if (sendTimed === undefined) throw new RangeError("consensus.pow.blockServing: 'sequential' needs a run that reports arrival times (the PoW network run), found none");
      this.server = new SequentialBlockServer(ctx, params.blockProcessingUs, sendTimed);
    } else {
      this.server = null;
    }
  }

  /** Open outbound connections to distinct nodes among `candidates` (excluding self). */
  connect(candidates: readonly HostId[]): void {
    const self = this.ctx.self;
    const rng = this.ctx.rng;
    const others = candidates.length - (candidates.includes(self) ? 1 : 0);
    const outbound = this.params.outboundPeerCounts === 'bitcoin-2015' ? bitcoin2015OutboundPeers(rng) : this.params.outboundPeers;
    const want = Math.min(outbound, others);
    while (this.peers.length < want) {
      const h = candidates[rng.int(candidates.length)]!;
      if (h === self || this.peers.includes(h)) continue;
      this.addPeer(h, false);
      this.ctx.send(h, this.usesCompact ? CONNECT_COMPACT : CONNECT_FULL, CONNECT_SIZE_BYTES);
    }
  }

  /** Tell every peer but `except` about a block this node adopted. */
  announce(block: PowBlock, except: HostId): void {
    if (this.params.controlMessageDelayUs > 0) this.delay(except, block.msgInv, ANNOUNCEMENT);
    else this.announceNow(block, except);
  }

  private announceNow(block: PowBlock, except: HostId): void {
    const peers = this.peers;
    const msg = block.msgInv;
    for (let i = 0; i < peers.length; i++) {
      const p = peers[i]!;
      // Bitcoin Core announces a block only to peers not known to have it (PeerHasHeader in
      // net_processing.cpp); SimBlock announces to every neighbour (`announceToKnownPeers`).
      if (p === except || (this.tracksPeerBlocks && this.peerHas(i, block))) continue;
      this.ctx.send(p, msg, INV_SIZE_BYTES);
    }
  }

  /** Ask `from` for a block (used for the missing parent of an orphan). */
  request(block: PowBlock, from: HostId): void {
    if (this.awaiting(block) || this.owner.knows(block)) return;
    this.startDownload(block);
    this.parentFetches.add(block);
    this.sendControl(from, block.msgGetdata, GETDATA_SIZE_BYTES);
  }

  /** Handle the relay's timers; false for a tag that is not the relay's. */
  onTimer(tag: number): boolean {
    if (tag === CONTROL_TIMER) {
      const i = this.delayedHead++;
      if (this.delayedHead === this.delayedTail) this.delayedHead = this.delayedTail = 0;
      const peer = this.delayedPeer[i]!;
      const msg = this.delayedMsg[i]!;
      const sizeBytes = this.delayedSizeBytes[i]!;
      if (sizeBytes === ANNOUNCEMENT) this.announceNow(msg.block, peer);
      else this.ctx.send(peer, msg, sizeBytes);
      return true;
    }
    return this.server?.onTimer(tag) ?? false;
  }

  /** A control message: sent now, or after `controlMessageDelay` (SimBlock's 10 ms). */
  private sendControl(to: HostId, msg: PowBlockMessage, sizeBytes: number): void {
    if (this.params.controlMessageDelayUs > 0) this.delay(to, msg, sizeBytes);
    else this.ctx.send(to, msg, sizeBytes);
  }

  /** Equal delays fire in the order they were set, so one FIFO holds what waits. */
  private delay(peer: HostId, msg: PowBlockMessage, sizeBytes: number): void {
    const i = this.delayedTail++;
    this.delayedPeer[i] = peer;
    this.delayedMsg[i] = msg;
    this.delayedSizeBytes[i] = sizeBytes;
    this.ctx.setTimer(this.params.controlMessageDelayUs, CONTROL_TIMER);
  }

  /** Send a block, compact block or blocktxn: at once, or through SimBlock's one-at-a-time server. */
  private serve(to: HostId, msg: PowBlockMessage, sizeBytes: number): void {
    if (this.server === null) this.ctx.send(to, msg, sizeBytes);
    else this.server.enqueue(to, msg, sizeBytes);
  }

  /**
   * Whether a request for the block is still in time. A peer that crashed or withheld it would
   * otherwise block the download for good; past the timeout another announcer is asked (Bitcoin
   * Core disconnects a peer that stalls a block download and fetches it elsewhere).
   */
  private awaiting(block: PowBlock): boolean {
    const sentUs = block === this.lastRequested ? this.lastRequestedUs : this.earlierRequests.size > 0 ? this.earlierRequests.get(block) : undefined;
    return sentUs !== undefined && this.ctx.nowUs - sentUs < BLOCK_DOWNLOAD_TIMEOUT_US;
  }

  private startDownload(block: PowBlock): void {
    const last = this.lastRequested;
    if (last !== null && last !== block) this.earlierRequests.set(last, this.lastRequestedUs);
    if (this.earlierRequests.size > 0) this.earlierRequests.delete(block);
    this.lastRequested = block;
    this.lastRequestedUs = this.ctx.nowUs;
  }

  private endDownload(block: PowBlock): void {
    if (block === this.lastRequested) this.lastRequested = null;
    else if (this.earlierRequests.size > 0) this.earlierRequests.delete(block);
  }

  /** Handle a relay message (Bitcoin P2P: inv, getdata, block; BIP 152: cmpctblock, getblocktxn, blocktxn). */
  handle(from: HostId, msg: PowMessage): void {
    switch (msg.type) {
      case PowMsgType.inv: {
        const b = msg.block;
        // Cheapest test first: most announcements name a block this node already has or beats
        // (and has announced already, so who else has it no longer matters).
        if (b.totalWork <= this.headWork) return;
        if (this.tracksPeerBlocks) this.learn(from, b);
        if (this.awaiting(b) || this.owner.knows(b)) return;
        this.startDownload(b);
        this.sendControl(from, b.msgGetdata, GETDATA_SIZE_BYTES);
        return;
      }
      case PowMsgType.getdata: {
        const b = msg.block;
        if (!this.owner.canServe(b)) return;
        if (this.usesCompact && this.peerUsesCompact(from)) this.serve(from, b.msgCmpct, this.params.compactBlockSizeBytes);
        else this.serve(from, b.msgBlock, b.sizeBytes);
        return;
      }
      case PowMsgType.cmpctBlock: {
        const b = msg.block;
        if (this.ctx.rng.float() < this.compactFailureRate) {
          this.sendControl(from, b.msgGetBlockTxn, GETBLOCKTXN_SIZE_BYTES);
          return;
        }
        this.arrived(b, from);
        return;
      }
      case PowMsgType.getBlockTxn: {
        const b = msg.block;
        const fixed = this.params.compactFailureBytes;
        // SimBlock draws the size from the serving node's table (Node.getFailedBlockSize).
        this.serve(from, b.msgBlockTxn, fixed === 'simblock' ? simblockFailedCompactBytes(this.ctx.rng, b.sizeBytes, this.churning) : fixed);
        return;
      }
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

  /**
   * A whole block arrived. Answering requests at once, the receiver validates it before it relays
   * (the host is busy meanwhile); SimBlock's sender has already charged that time in the transfer.
   */
  private arrived(b: PowBlock, from: HostId): void {
    if (this.server === null) this.ctx.cpu(this.params.blockProcessingUs);
    this.endDownload(b);
    const announced = !this.parentFetches.delete(b);
    if (announced && !this.owner.knows(b)) this.ctx.emit(b.arrived);
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
