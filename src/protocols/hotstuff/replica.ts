/**
 * A chained HotStuff replica (Yin, Malkhi, Reiter, Gueta, Abraham, "HotStuff: BFT Consensus with
 * Linearity and Responsiveness", PODC 2019) as a sans-I/O actor, in the event-driven form of §6
 * (Algorithm 4) with the pacemaker of §4.4 and Algorithm 5.
 *
 * Every view v has one leader, replica v mod n (Algorithm 5, getLeader: round robin). The leader
 * proposes one node extending the node of its highest QC; replicas vote for it and send the vote to
 * the leader of v + 1, who forms the next QC from a quorum of votes (fault-model.ts) and proposes
 * at once. Per view that is n − 1 proposals and n − 1 votes: linear in n (§5). A node commits when
 * it heads a three-chain of direct parents in consecutive views (§5; the paper's dummy nodes make heights equal views, so
 * a gap in views breaks the chain there as well).
 *
 * Modelling choices:
 * - Views never idle: a leader with no transactions proposes an empty node, as the chained
 *   protocol needs three more nodes to commit one.
 * - Clients may send a request to any replica; a replica forwards the transactions it holds to
 *   the next leader on its vote (or new-view), so forwarding costs no extra messages. It forwards
 *   only what clients sent it, and takes back what the next leader proposed without
 *   (takeForForwarding).
 * - Replicas answer clients on commit; a client waits for f + 1 matching replies.
 * - A replica stores and votes for a proposal only if its timestamp passes the block-time rule
 *   (block-time.ts); a node fetched by synchronisation is not judged.
 * - Signatures are checked when the run model hands out keys (config.signingKey / verifier); their
 *   CPU cost is charged either way. A QC counts as one threshold signature to verify (§4.2).
 */
import { executionCostUs } from '../execution-work.ts';
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import { proposalTimeUs, validBlockTime } from '../block-time.ts';
import { DeadlineTimer } from '../deadline-timer.ts';
import { blockTxBytesMax, buildBlock, GENESIS_BLOCK, verifyBlock } from '../../ledger/block.ts';
import { blockHashCostUs, SIGNATURE_BYTES, type Signature } from '../../ledger/crypto.ts';
import { ZERO_HASH } from '../../ledger/hash.ts';
import type { MempoolDropEvent, MempoolEvent } from '../../ledger/events.ts';
import type { Mempool } from '../../ledger/mempool.ts';
import { replicaMempool } from '../replica-mempool.ts';
import { TxAuthenticator } from '../../ledger/tx-authentication.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import { executedBlockHolding } from '../executed-lookup.ts';
import { replyBytes, replySignCostUs } from '../reply.ts';
import { PROPOSE_ON_LOCK, type ByzantineLevers, type ForwardedIntake, type ProposalExclusion } from '../definition.ts';
import type { CommitEvent, LeadsEvent, ReplicaConfig, ReplicatedApplication, ReplyMessage, RequestMessage, ViewChangeEvent } from '../types.ts';
import {
  HEADER_BYTES,
  HOTSTUFF_REPLY_AUTHENTICATION,
  nodeBytes,
  proposalTerm,
  qcBytes,
  txsBytes,
  voteTerm,
  type HsFetch,
  type HsNewView,
  type HsNode,
  type HsNodes,
  type HsProposal,
  type HsVote,
  type QuorumCert,
} from './messages.ts';
import { HOTSTUFF_FAULT_MODEL } from './fault-model.ts';
import type { HotStuffParams } from './params.ts';

const TIMER_VIEW = 1;
/** Committed nodes kept in the lookup map below the last executed one (older ones stay in `chain`). */
const PRUNE_DEPTH = 8;
/** Most nodes in one synchronisation reply. */
const FETCH_BATCH = 64;
/** Bound on proposals held while their ancestors are fetched. */
const WAITING_MAX = 256;

export interface HotStuffOptions {
  /**
   * Votes (and NEW-VIEWs) that make a quorum with n replicas tolerating f faults; the fault model's
   * quorum by default. Only checker tests change it, to build a deliberately broken protocol.
   */
  readonly quorum?: (n: number, f: number) => number;
  /** Commit on a two-chain (the locked node) instead of a three-chain: the fuzzer's deliberately broken variant. */
  readonly twoChainCommit?: boolean;
}

interface Tally {
  readonly view: number;
  readonly voters: Uint8Array;
  readonly sigs: Signature[];
  count: number;
}

interface Waiting {
  readonly node: HsNode;
  readonly isProposal: boolean;
}

/** Transactions forwarded on one vote or NEW-VIEW, for the proposal of `view`. */
interface ForwardedBatch {
  readonly view: number;
  readonly txs: readonly Transaction[];
}

export class HotStuffReplica implements Actor<unknown>, ByzantineLevers, ForwardedIntake, ProposalExclusion {
  readonly params: HotStuffParams;
  private readonly n: number;
  private readonly quorum: number;
  /** NEW-VIEWs for a view that make a replica give up the view before it too: f + 1, so one is a correct replica's. */
  private readonly viewJoinSenders: number;
  private readonly twoChainCommit: boolean;
  private readonly self: number;
  /** Signing keys are issued per host (the run model's key ring), so signatures are checked against hosts. */
  private readonly replicaHostSet: ReadonlySet<HostId>;

  // Algorithm 4's state: vheight (as the last voted view), b_lock, b_exec, qc_high.
  curView = 1;
  private lastVotedView = 0;
  private lastVote: HsVote | undefined;
  private proposedView = 0;
  /** The highest view this replica announced it leads (`announceLeading`). */
  private announcedView = 0;
  private bLock: HsNode;
  /** The QC that certifies bLock (the justify of the node that locked it); only the lever proposes on it. */
  private bLockQc: QuorumCert;
  private bExec: HsNode;
  private qcHigh: QuorumCert;
  private qcHighNode: HsNode;

  /** Known nodes by hash: uncommitted ones and the last few committed. */
  private readonly nodes = new Map<string, HsNode>();
  /** Committed nodes by height (the ledger), genesis at 0. */
  private readonly chain: HsNode[] = [];

  private readonly mempool: Mempool;
  /** Checks each transaction's signature or MAC once: at admission, or in the first node that carries it. */
  private readonly txAuth: TxAuthenticator;
  /**
   * Transactions sent to a next leader, not yet seen in a node, by id: still this replica's. They
   * go back to the pool when a node of the view they were sent for (or a later one) arrives without
   * them, or on a view timeout (takeForForwarding).
   */
  private readonly forwarded = new Map<number, Transaction>();
  /** The batches behind `forwarded`, each with the view whose proposal was to carry it. */
  private forwardedBatches: ForwardedBatch[] = [];
  /**
   * Transactions other replicas forwarded to this one for its next proposal, by id: proposed there,
   * or forgotten then (their forwarders take them back), and never forwarded on.
   */
  private readonly received = new Map<number, Transaction>();

  private readonly votes = new Map<string, Tally>();
  /** Which replicas voted for any node of a view, when its votes split (noQcCanForm). */
  private heardScratch: Uint8Array | undefined;
  private pendingQc: QuorumCert | undefined;
  private waiting: Waiting[] = [];
  /** The waiting nodes by hash. */
  private readonly held = new Map<string, Waiting>();
  private readonly fetching = new Set<string>();

  // Pacemaker (§4.4): one pending timer, re-armed when the deadline moved.
  private readonly viewDeadline: DeadlineTimer;
  private consecutiveTimeouts = 0;
  /** The highest view this replica sent a NEW-VIEW for (it gave up on every view below it). */
  private newViewSent = 1;
  /** The highest view each replica sent this one a NEW-VIEW for, by index (0: none). */
  private readonly newViewFrom: Int32Array;
  private proposesOnLock: () => boolean = () => false;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly config: ReplicaConfig<HotStuffParams>,
    private readonly app: ReplicatedApplication,
    options: HotStuffOptions = {},
  ) {
    this.params = config.params;
    this.viewDeadline = new DeadlineTimer(ctx, TIMER_VIEW);
    this.n = config.replicaHosts.length;
    this.quorum = options.quorum?.(this.n, HOTSTUFF_FAULT_MODEL.maxFaulty(this.n)) ?? HOTSTUFF_FAULT_MODEL.quorum(this.n);
    this.viewJoinSenders = HOTSTUFF_FAULT_MODEL.maxFaulty(this.n) + 1;
    this.newViewFrom = new Int32Array(this.n);
    this.twoChainCommit = options.twoChainCommit === true;
    this.self = config.index;
    this.replicaHostSet = new Set(config.replicaHosts);
    this.mempool = replicaMempool(config.mempool, ctx);
    this.txAuth = new TxAuthenticator(ctx, config.txAuth, config.crypto);
    const genesis = GENESIS_NODE;
    this.nodes.set(genesis.block.hash, genesis);
    this.chain.push(genesis);
    this.bLock = genesis;
    this.bLockQc = genesis.justify;
    this.bExec = genesis;
    this.qcHigh = genesis.justify;
    this.qcHighNode = genesis;
  }

  leaderOf(view: number): number {
    return view % this.n;
  }

  /** Committed height (for tests and inspection). */
  get executedHeight(): number {
    return this.bExec.block.height;
  }

  /**
   * PROPOSE_ON_LOCK (src/attacks/byzantine/stale-qc.ts): as leader, propose on the locked node, with
   * the QC that certifies it, instead of on the highest QC (Algorithm 4's onPropose extends
   * qc_high's node). The QC is genuine and the node extends every replica's lock that this one
   * shares, so honest replicas vote for it (§4.2, safeNode); a correct three-chain commit stays safe
   * (§4.4), a two-chain commit does not. Only the protocol's own code can sign a proposal on
   * another QC, which is why it is a lever rather than a proxy filter.
   */
  pullByzantineLever(lever: string, engaged: () => boolean): void {
    if (lever !== PROPOSE_ON_LOCK) throw new RangeError(`HotStuff has no Byzantine lever '${lever}' (it has '${PROPOSE_ON_LOCK}')`);
    this.proposesOnLock = engaged;
  }

  onStart(): void {
    this.resetViewDeadline();
    if (this.leaderOf(this.curView) === this.self) this.propose(this.curView);
  }

  /** Timers died with the crash; the protocol state is kept as if on stable storage. */
  onRecover(): void {
    this.viewDeadline.forget();
    this.fetching.clear();
    this.resetViewDeadline();
  }

  onMessage(from: HostId, msg: unknown): void {
    switch ((msg as { kind: string }).kind) {
      case 'hs-proposal':
        this.onProposal(from, msg as HsProposal);
        break;
      case 'hs-vote':
        this.onVote(msg as HsVote);
        break;
      case 'hs-new-view':
        if (this.config.replicaHosts[(msg as HsNewView).sender] === from) this.onNewView(msg as HsNewView);
        break;
      case 'hs-fetch':
        this.onFetch(msg as HsFetch);
        break;
      case 'hs-nodes':
        this.onNodes(from, msg as HsNodes);
        break;
      case 'request': {
        const tx = (msg as RequestMessage).tx;
        // As PBFT §4.1: a request already executed is answered again (its client lost the replies).
        if (this.mempool.isCommitted(tx.id)) this.resendReply(tx);
        else this.admit(tx);
        break;
      }
      default:
    }
  }

  onTimer(tag: number): void {
    if (tag !== TIMER_VIEW) return;
    if (this.viewDeadline.fired()) this.onViewTimeout();
  }

  // ---- proposals (Algorithm 4, onReceiveProposal) ----

  private onProposal(from: HostId, m: HsProposal): void {
    const node = m.node;
    if (this.nodes.has(node.block.hash) || node.block.height <= this.bExec.block.height) return;
    if (this.config.replicaHosts[node.proposer] !== from || this.leaderOf(node.view) !== node.proposer) return;
    if (!this.checkNode(node)) return;
    this.receiveNode(node, true, node.proposer);
  }

  /** Charge and check the proposer's signature, the block's digests and the QC (§4.2). */
  private checkNode(node: HsNode): boolean {
    const c = this.config.crypto;
    this.ctx.cpu(c.verifyUs + blockHashCostUs(c, node.block.txs.length, node.block.sizeBytes));
    if (!verifyBlock(node.block)) return false;
    const v = this.config.verifier;
    if (v !== undefined) {
      const proposerHost = this.config.replicaHosts[node.proposer];
      const term = proposalTerm(node.view, node.block.hash, node.justify.view, node.justify.blockHash);
      if (proposerHost === undefined || !v.verify(node.sig, proposerHost, v.digest(term))) return false;
    }
    if (!this.checkQc(node.justify)) return false;
    // Block validation: the node's transactions this replica has not admitted itself (docs/references.md §6).
    this.txAuth.validate(node.block.txs);
    return true;
  }

  private checkQc(qc: QuorumCert): boolean {
    if (qc.view === 0) return qc.blockHash === GENESIS_NODE.block.hash;
    this.ctx.cpu(this.config.crypto.verifyUs);
    if (VERIFIED_QCS.has(qc)) return true;
    const v = this.config.verifier;
    if (v !== undefined) {
      if (qc.sigs.length < this.quorum) return false;
      const digest = v.digest(voteTerm(qc.view, qc.blockHash));
      // Keys belong to hosts: each signer must be a distinct replica's host.
      const seen = new Set<HostId>();
      for (const sig of qc.sigs) {
        if (seen.has(sig.signer) || !this.replicaHostSet.has(sig.signer) || !v.verify(sig, sig.signer, digest)) return false;
        seen.add(sig.signer);
      }
    }
    VERIFIED_QCS.add(qc);
    return true;
  }

  /** Store a node once its parent and its QC's node are known; fetch them otherwise. */
  private receiveNode(node: HsNode, isProposal: boolean, source: number): void {
    const missing = !this.hasNode(node.block.parentHash)
      ? node.block.parentHash
      : !this.hasNode(node.justify.blockHash)
        ? node.justify.blockHash
        : undefined;
    if (missing !== undefined) {
      if (this.waiting.length >= WAITING_MAX) {
        // The oldest held node goes, and may be asked for again when a node above it needs it.
        const evicted = this.waiting.shift()!;
        this.held.delete(evicted.node.block.hash);
        this.fetching.delete(evicted.node.block.hash);
      }
      const w = { node, isProposal };
      this.waiting.push(w);
      this.held.set(node.block.hash, w);
      // A missing node that is itself held here waiting for its own ancestors will be stored once
      // they arrive: fetch only where the held chain is broken, below the held nodes. Fetching each
      // held node's parent asked for the same ancestors once per node of a synchronisation reply
      // (64 replies of up to 64 nodes for one reply), and the replies filled the lagging replica's
      // downlink and its peers' uplinks, delaying their proposals and votes past every view
      // timeout. Not fetching at all where the missing node was held left the chain broken for good
      // once a node below was evicted or its fetch forgotten at a timeout, and a replica cut off
      // for longer than its held nodes cover never caught up
      // (docs/fuzz-findings/hotstuff-held-chain-break.yaml).
      const gap = this.heldChainBreak(missing);
      if (gap !== undefined) this.fetch(gap, source);
      return;
    }
    if (isProposal && !this.validBlockTime(node)) return;
    this.addNode(node);
    if (isProposal) this.onReceiveProposal(node);
    else this.update(node);
    this.retryWaiting();
  }

  /**
   * A proposal's leader stamped its block from its own clock: it must be no earlier than its parent's
   * stamp and timely on this replica's clock as the replica takes the proposal up (block-time.ts;
   * CometBFT's PBTS, docs/references.md §13). One that is not is refused as a proposal that fails
   * checkNode: neither stored nor voted for, and its view times out as a crashed leader's would
   * (§4.4). Nodes that reach a replica by synchronisation are not judged: one a quorum certified
   * was timely where it was proposed, as PBTS judges a value only in the round that proposes it.
   */
  private validBlockTime(node: HsNode): boolean {
    return validBlockTime(node.block.timestampUs, this.parentOf(node)?.block.timestampUs, this.ctx.nowUs, this.params);
  }

  private addNode(node: HsNode): void {
    this.nodes.set(node.block.hash, node);
    this.fetching.delete(node.block.hash);
    for (const tx of node.block.txs) {
      this.mempool.markProposed(tx);
      this.forwarded.delete(tx.id);
    }
    // Before the held QC below may make this replica propose: what it takes back goes in.
    if (this.forwardedBatches.length > 0) this.reclaimMissed(node.view);
    if (this.pendingQc !== undefined && this.pendingQc.blockHash === node.block.hash) {
      const qc = this.pendingQc;
      this.pendingQc = undefined;
      this.onQc(qc);
    }
  }

  /** Following held nodes down from `hash`, the first ancestor neither stored nor held; undefined where the held chain reaches a stored node. */
  private heldChainBreak(hash: string): string | undefined {
    for (let steps = 0; steps <= this.waiting.length; steps++) {
      if (this.hasNode(hash)) return undefined;
      const w = this.held.get(hash);
      if (w === undefined) return hash;
      hash = this.hasNode(w.node.block.parentHash) ? w.node.justify.blockHash : w.node.block.parentHash;
    }
    return undefined;
  }

  private retryWaiting(): void {
    if (this.waiting.length === 0) return;
    const ready = this.waiting.filter((w) => this.hasNode(w.node.block.parentHash) && this.hasNode(w.node.justify.blockHash));
    if (ready.length === 0) return;
    this.waiting = this.waiting.filter((w) => !ready.includes(w));
    for (const w of ready) this.held.delete(w.node.block.hash);
    ready.sort((a, b) => a.node.view - b.node.view);
    for (const w of ready) if (!this.nodes.has(w.node.block.hash)) this.receiveNode(w.node, w.isProposal, w.node.proposer);
  }

  private onReceiveProposal(b: HsNode): void {
    if (b.view >= this.curView && b.view > this.lastVotedView && this.safeNode(b)) {
      this.lastVotedView = b.view;
      this.sendVote(b);
    }
    this.update(b);
    if (b.view >= this.curView) this.enterView(b.view + 1);
  }

  /** §4.2 safeNode: extends the locked node (safety), or carries a newer QC than the lock (liveness). */
  private safeNode(b: HsNode): boolean {
    return b.justify.view > this.bLock.view || this.extendsNode(b, this.bLock);
  }

  private extendsNode(b: HsNode, ancestor: HsNode): boolean {
    let cur: HsNode | undefined = b;
    const h = ancestor.block.height;
    while (cur !== undefined && cur.block.height > h) cur = this.parentOf(cur);
    return cur !== undefined && cur.block.hash === ancestor.block.hash;
  }

  /** Algorithm 4, update(b*): the two-chain locks, the three-chain of direct parents commits. */
  private update(bStar: HsNode): void {
    const b2 = this.getNode(bStar.justify.blockHash);
    if (b2 === undefined) return;
    this.updateQcHigh(bStar.justify, b2);
    const b1 = this.getNode(b2.justify.blockHash);
    if (b1 === undefined) return;
    if (b1.view > this.bLock.view) {
      this.bLock = b1;
      this.bLockQc = b2.justify;
    }
    if (this.twoChainCommit) {
      if (b2.block.parentHash === b1.block.hash && b2.view === b1.view + 1) this.commit(b1);
      return;
    }
    const b0 = this.getNode(b1.justify.blockHash);
    if (b0 === undefined) return;
    const direct =
      b2.block.parentHash === b1.block.hash && b1.block.parentHash === b0.block.hash && b2.view === b1.view + 1 && b1.view === b0.view + 1;
    if (direct) this.commit(b0);
  }

  /**
   * A newer QC is the pacemaker's progress: the view timeout falls back to its base only then, not
   * on a proposal that gathers no QC. Replicas whose timers are out of step by more than the view
   * timeout miss each other's proposals (a replica votes only in its current view); doubling the
   * timeout until a QC forms makes their views overlap long enough after GST (§4.4, Algorithm 5's
   * back-off), where resetting it on every proposal kept 3 of 8 replicas a view behind for good.
   */
  private updateQcHigh(qc: QuorumCert, node: HsNode): void {
    if (node.view > this.qcHighNode.view) {
      this.qcHigh = qc;
      this.qcHighNode = node;
      this.consecutiveTimeouts = 0;
    }
  }

  // ---- votes and QCs (Algorithm 4, onReceiveVote) ----

  private sendVote(b: HsNode): void {
    const key = this.config.signingKey;
    const v = this.config.verifier;
    this.ctx.cpu(this.config.crypto.signUs);
    const sig = key !== undefined && v !== undefined ? key.sign(v.digest(voteTerm(b.view, b.block.hash))) : undefined;
    const to = this.leaderOf(b.view + 1);
    // The next leader proposes from its own pool: it forwards nothing to itself.
    const txs = to === this.self ? NO_TXS : this.takeForForwarding(b.view + 1);
    const vote: HsVote = { kind: 'hs-vote', view: b.view, blockHash: b.block.hash, voter: this.self, sig, txs };
    this.lastVote = txs.length === 0 ? vote : { ...vote, txs: NO_TXS };
    if (to === this.self) this.onVote(vote);
    else this.ctx.send(this.config.replicaHosts[to]!, vote, HEADER_BYTES + SIGNATURE_BYTES + txsBytes(txs));
  }

  /**
   * Transactions for the leader of `view` to propose in it, taken from the pool. At most one batch
   * per vote: the next leader proposes one batch per view, so more cannot be proposed sooner, and
   * with a backlog n − 1 votes of forwardMax transactions each made the votes a view's critical
   * path (at 10 Mbps, n = 8, 531 transactions of 987 B per vote took the leader 3 s to receive,
   * past every view timeout, so no view after the fault phase formed a QC).
   *
   * A forwarded transaction stays this replica's until a node carries it: the leader proposes it in
   * `view` or forgets it (acceptForwarded, propose), and this replica takes back what a node of
   * `view` or later arrives without (reclaimMissed). A leader waits for a quorum of votes only, so
   * a vote may reach it after it proposed; a leader that instead kept such transactions and
   * forwarded them on its own next vote passed them along for many views: at n = 3 (quorum 2) with
   * even latencies the vote a leader does not wait for is always that of the leader after it, so
   * every late batch was late again at every hop (commit p95 0.9 s against 74 ms without
   * forwarding on consortium.yaml at a fixed 10 ms). Forwarded once and taken back, a transaction
   * is proposed no later than this replica's own next view as leader, n views at most, as if it
   * had not been forwarded, and sooner when its vote is on time. Received transactions are never
   * forwarded on, as a PBFT backup relays a request to the primary once (Castro & Liskov 1999,
   * §4.1) and no further.
   */
  private takeForForwarding(view: number): readonly Transaction[] {
    if (this.mempool.sizeTxs === 0 || this.params.forwardMax === 0) return NO_TXS;
    let txs = this.mempool.take(Math.min(this.params.forwardMax, this.config.batchSize), blockTxBytesMax(this.config.blockSizeMaxBytes));
    // Only after a view this replica was to lead timed out: what was forwarded to it for that view.
    if (this.received.size > 0) {
      txs = txs.filter((tx) => {
        if (!this.received.has(tx.id)) return true;
        this.received.delete(tx.id);
        this.mempool.unpropose(tx.id);
        return false;
      });
    }
    if (txs.length === 0) return NO_TXS;
    for (const tx of txs) this.forwarded.set(tx.id, tx);
    this.forwardedBatches.push({ view, txs });
    return txs;
  }

  /**
   * Transactions forwarded for this replica's proposal of `view`: admitted if that proposal is still
   * to come, ignored otherwise (their forwarder keeps them). One this replica forwarded itself
   * arrives only where a client sent it to both: it is this replica's again.
   */
  private acceptForwarded(txs: readonly Transaction[], view: number): void {
    if (txs.length === 0 || !this.proposesYet(view)) return;
    for (const tx of txs) {
      if (this.forwarded.delete(tx.id)) {
        this.mempool.unpropose(tx.id);
        this.admit(tx);
      } else if (this.admit(tx)) {
        this.received.set(tx.id, tx);
      }
    }
  }

  /**
   * The transactions forwarded on `msg` that acceptForwarded would take if `msg` came now from
   * `from`: none unless this replica leads the view they are for and has yet to propose in it (a
   * new-view counts from its sender only, as onMessage has it); of those, its own back and the ones
   * its pool does not know. A pool that is full, or a transaction past its lifetime, refuses one even
   * so: the pool tells that only by taking it.
   */
  forwardedTaken(from: HostId, msg: unknown): readonly Transaction[] {
    const m = msg as HsVote | HsNewView;
    if (m.kind !== 'hs-vote' && m.kind !== 'hs-new-view') return NO_TXS;
    const view = m.kind === 'hs-vote' ? m.view + 1 : m.view;
    if (m.kind === 'hs-new-view' && this.config.replicaHosts[m.sender] !== from) return NO_TXS;
    if (m.txs.length === 0 || !this.proposesYet(view)) return NO_TXS;
    return m.txs.filter((tx) => this.forwarded.has(tx.id) || !this.mempool.isKnown(tx.id));
  }

  excludeFromProposals(excludes: ((tx: Transaction) => boolean) | null): void {
    this.mempool.excluding = excludes;
  }

  /** Whether this replica leads `view` and has yet to propose in it: what forwarded transactions are for. */
  private proposesYet(view: number): boolean {
    return this.leaderOf(view) === this.self && view > this.proposedView && view >= this.curView;
  }

  /** Take back what was forwarded for a view up to `view` and is not in a node yet: its leader proposed without it. */
  private reclaimMissed(view: number): void {
    const batches = this.forwardedBatches;
    let kept = 0;
    for (let i = 0; i < batches.length; i++) {
      const batch = batches[i]!;
      if (batch.view > view) {
        batches[kept++] = batch;
        continue;
      }
      for (const tx of batch.txs) {
        if (!this.forwarded.delete(tx.id)) continue;
        this.mempool.unpropose(tx.id);
        this.admit(tx);
      }
    }
    batches.length = kept;
  }

  /** After proposing: forwarded transactions the proposal left out leave the pool, as their forwarders take them back. */
  private forgetReceived(): void {
    for (const tx of this.received.values()) {
      if (!this.mempool.has(tx.id)) continue;
      // Out of the pool and unknown to it: a later copy is admitted again.
      this.mempool.markProposed(tx);
      this.mempool.unpropose(tx.id);
    }
    this.received.clear();
  }

  /** Into the pool (true if added); a full pool's rejection is reported (duplicates are normal retransmissions). */
  private admit(tx: Transaction): boolean {
    const result = this.mempool.add(tx);
    if (result === 'fullTxs' || result === 'fullBytes') {
      const drop: MempoolDropEvent = { kind: 'mempool-drop', reason: result, txId: tx.id };
      this.ctx.emit(drop);
    }
    return result === 'added';
  }

  private onVote(m: HsVote): void {
    this.acceptForwarded(m.txs, m.view + 1);
    if (this.leaderOf(m.view + 1) !== this.self || m.view + 1 < this.curView - 1) return;
    this.countVote(m);
  }

  private countVote(m: HsVote): void {
    let t = this.votes.get(m.blockHash);
    if (t === undefined) {
      t = { view: m.view, voters: new Uint8Array(this.n), sigs: [], count: 0 };
      this.votes.set(m.blockHash, t);
    }
    const voterHost = this.config.replicaHosts[m.voter];
    if (voterHost === undefined || t.voters[m.voter] === 1 || t.count >= this.quorum || t.view !== m.view) return;
    if (m.voter !== this.self) {
      this.ctx.cpu(this.config.crypto.verifyUs);
      const v = this.config.verifier;
      if (v !== undefined && !v.verify(m.sig, voterHost, v.digest(voteTerm(m.view, m.blockHash)))) return;
    }
    t.voters[m.voter] = 1;
    if (m.sig !== undefined) t.sigs.push(m.sig);
    t.count++;
    if (t.count === this.quorum) {
      const qc: QuorumCert = { view: m.view, blockHash: m.blockHash, sigs: t.sigs };
      VERIFIED_QCS.add(qc);
      this.pruneTallies(m.view);
      this.onQc(qc);
    } else if (this.noQcCanForm(m.view)) {
      this.proposeWithoutQc(m.view + 1);
    }
  }

  /**
   * The votes for `view` went to different nodes (its leader equivocated) so that none can reach a
   * quorum, counting every replica not heard from yet as voting for the largest.
   */
  private noQcCanForm(view: number): boolean {
    // One node per view, as every vote of a fault-free run: nothing to count, nothing allocated.
    if (this.votes.size < 2) return false;
    let nodes = 0, most = 0;
    for (const t of this.votes.values()) {
      if (t.view !== view) continue;
      nodes++;
      if (t.count > most) most = t.count;
    }
    if (nodes < 2) return false;
    const heard = (this.heardScratch ??= new Uint8Array(this.n));
    heard.fill(0);
    for (const t of this.votes.values()) if (t.view === view) for (let j = 0; j < this.n; j++) heard[j]! |= t.voters[j]!;
    let unheard = this.n;
    for (let j = 0; j < this.n; j++) unheard -= heard[j]!;
    return most + unheard < this.quorum;
  }

  /**
   * As the leader of `view`, propose on qc_high now rather than wait for a QC of the view before that
   * cannot form: waiting timed this leader's view out as well, so a Byzantine leader that split its
   * view's votes cost the next honest leader its view too. At n = 4 with round-robin leaders that left
   * two honest views in a row, never the three a commit needs, and nothing committed after the fault
   * phase (found by iomtsim fuzz; docs/fuzz-findings/hotstuff-split-votes-skip-next-leader.yaml).
   * Algorithm 5's leader proposes at its beat on qc_high (§4.4); proposing is always safe, since the
   * voters' safeNode rule keeps safety.
   */
  private proposeWithoutQc(view: number): void {
    if (this.leaderOf(view) !== this.self || view < this.curView || this.proposedView >= view) return;
    this.enterView(view);
    this.propose(view);
  }

  private onQc(qc: QuorumCert): void {
    const node = this.getNode(qc.blockHash);
    if (node === undefined) {
      // Votes overtook the proposal: hold the QC until the node arrives.
      if (this.pendingQc === undefined || this.pendingQc.view < qc.view) this.pendingQc = qc;
      return;
    }
    this.updateQcHigh(qc, node);
    const next = qc.view + 1;
    if (this.leaderOf(next) === this.self && next >= this.curView && this.proposedView < next) {
      this.enterView(next);
      this.propose(next);
    }
  }

  // ---- proposing (Algorithm 4, onPropose; Algorithm 5, onBeat) ----

  private propose(view: number): void {
    if (this.proposedView >= view) return;
    this.proposedView = view;
    this.announceLeading(view);
    const onLock = this.proposesOnLock();
    const parent = onLock ? this.bLock : this.qcHighNode;
    const justify = onLock ? this.bLockQc : this.qcHigh;
    const occupancy: MempoolEvent = { kind: 'mempool', sizeTxs: this.mempool.sizeTxs, sizeBytes: this.mempool.sizeBytes };
    this.ctx.emit(occupancy);
    const txs = this.withoutPendingAncestors(parent, this.mempool.take(this.config.batchSize, blockTxBytesMax(this.config.blockSizeMaxBytes)));
    if (this.received.size > 0) this.forgetReceived();
    // The node's transactions not checked yet, across the cores: the admission checks of the
    // requests this replica received (docs/references.md §6).
    this.txAuth.validate(txs);
    const block = buildBlock({
      parentHash: parent.block.hash,
      height: parent.block.height + 1,
      proposer: this.ctx.self,
      timestampUs: proposalTimeUs(this.ctx.nowUs, parent.block.timestampUs),
      txs,
    });
    const c = this.config.crypto;
    this.ctx.cpu(blockHashCostUs(c, block.txs.length, block.sizeBytes) + c.signUs);
    const key = this.config.signingKey;
    const v = this.config.verifier;
    const sig = key !== undefined && v !== undefined ? key.sign(v.digest(proposalTerm(view, block.hash, justify.view, justify.blockHash))) : undefined;
    const node: HsNode = { block, view, justify, proposer: this.self, sig };
    const msg: HsProposal = { kind: 'hs-proposal', node };
    const size = HEADER_BYTES + nodeBytes(node);
    for (let i = 0; i < this.n; i++) if (i !== this.self) this.ctx.send(this.config.replicaHosts[i]!, msg, size);
    this.receiveNode(node, true, this.self);
  }

  /**
   * `txs` less those already in the branch the block extends, above what this replica has executed:
   * a transaction re-admitted when a fork that also carried it was abandoned may still sit in an
   * uncommitted ancestor, and proposing it again would commit it twice once both blocks commit
   * (found by iomtsim fuzz; docs/fuzz-findings/hotstuff-duplicate-commit.yaml). Those left out stay
   * marked proposed: they are in a block.
   */
  private withoutPendingAncestors(parent: HsNode, txs: readonly Transaction[]): Transaction[] {
    const executedHeight = this.bExec.block.height;
    if (txs.length === 0 || parent.block.height <= executedHeight) return txs as Transaction[];
    const pending = new Set<number>();
    for (let cur: HsNode | undefined = parent; cur !== undefined && cur.block.height > executedHeight; cur = this.parentOf(cur)) {
      for (const tx of cur.block.txs) pending.add(tx.id);
    }
    return pending.size === 0 ? (txs as Transaction[]) : txs.filter((tx) => !pending.has(tx.id));
  }

  // ---- pacemaker (§4.4; Algorithm 5) ----

  private enterView(view: number): void {
    if (view <= this.curView) return;
    this.curView = view;
    if (this.leaderOf(view) === this.self) this.announceLeading(view);
    this.resetViewDeadline();
    // A QC for the previous view may have formed before this replica saw its proposal.
    if (this.leaderOf(view) === this.self && this.qcHigh.view === view - 1) this.propose(view);
  }

  /**
   * Tell what follows the leader that this replica leads `view`, once: as it enters the view, when
   * the votes on the previous view's proposal start coming to it (chained HotStuff, §5: the next
   * leader gathers them), or as it proposes in a view it never entered (the first).
   */
  private announceLeading(view: number): void {
    if (view <= this.announcedView) return;
    this.announcedView = view;
    const leads: LeadsEvent = { kind: 'leads', view, leader: this.ctx.self };
    this.ctx.emit(leads);
  }

  private timeoutUs(): number {
    const p = this.params;
    if (p.backoff === 'fixed') return p.viewTimeout;
    return Math.min(p.viewTimeoutMax, p.viewTimeout * 2 ** Math.min(this.consecutiveTimeouts, 40));
  }

  private resetViewDeadline(): void {
    this.viewDeadline.reset(this.timeoutUs());
  }

  /**
   * Algorithm 5's onNextSyncView, with the round synchronisation of DiemBFT v4 (docs/references.md
   * §2): give up on the view by sending a NEW-VIEW for the next one, with qc_high, to every replica,
   * and stop voting in it, but enter the next view only on a quorum of NEW-VIEWs for it (a timeout
   * certificate) or on a QC or proposal that moves the view on. Moving on alone at each timeout let
   * correct replicas whose timers expire together stay views apart for good, none a quorum (found by
   * iomtsim fuzz at n ≥ 16; docs/fuzz-findings/hotstuff-views-drift-apart.yaml). Again at each
   * later timeout until then: PBFT's implementation retransmits what must be delivered the same way.
   */
  private onViewTimeout(): void {
    this.consecutiveTimeouts++;
    this.resetViewDeadline();
    this.fetching.clear();
    // What was forwarded to a leader that never proposed goes back to the pool.
    for (const tx of this.forwarded.values()) {
      this.mempool.unpropose(tx.id);
      this.admit(tx);
    }
    this.forwarded.clear();
    this.forwardedBatches.length = 0;
    this.sendNewView(Math.max(this.curView + 1, this.newViewSent));
  }

  /** NEW-VIEW for `view` to every replica (this one included); to its leader with the last vote and transactions to propose. */
  private sendNewView(view: number): void {
    this.newViewSent = Math.max(this.newViewSent, view);
    // No vote in a view given up (DiemBFT: a replica that timed out of a round does not vote in it).
    this.lastVotedView = Math.max(this.lastVotedView, view - 1);
    const to = this.leaderOf(view);
    const txs = to === this.self ? NO_TXS : this.takeForForwarding(view);
    // The last vote, if no QC for it reached this replica: the leader it went to may have failed.
    const lastVote = this.lastVote !== undefined && this.lastVote.view > this.qcHigh.view ? this.lastVote : undefined;
    const toLeader: HsNewView = { kind: 'hs-new-view', view, qc: this.qcHigh, sender: this.self, lastVote, txs };
    const toOthers: HsNewView = lastVote === undefined && txs.length === 0 ? toLeader : { ...toLeader, lastVote: undefined, txs: NO_TXS };
    const qcSize = HEADER_BYTES + qcBytes(this.qcHigh);
    for (let j = 0; j < this.n; j++) {
      if (j === this.self) continue;
      if (j === to) this.ctx.send(this.config.replicaHosts[j]!, toLeader, qcSize + (lastVote ? SIGNATURE_BYTES + 40 : 0) + txsBytes(txs));
      else this.ctx.send(this.config.replicaHosts[j]!, toOthers, qcSize);
    }
    this.onNewView(to === this.self ? toLeader : toOthers);
  }

  private onNewView(m: HsNewView): void {
    this.acceptForwarded(m.txs, m.view);
    if (m.view <= this.newViewFrom[m.sender]! || (m.sender !== this.self && !this.checkQc(m.qc))) return;
    this.newViewFrom[m.sender] = m.view;
    if (this.leaderOf(m.view) === this.self && m.lastVote !== undefined && m.lastVote.voter === m.sender && m.lastVote.view >= this.qcHigh.view) this.countVote(m.lastVote);
    const node = this.getNode(m.qc.blockHash);
    if (node !== undefined) this.updateQcHigh(m.qc, node);
    else this.fetch(m.qc.blockHash, m.sender);
    // A NEW-VIEW for view v gives up every view below v. f + 1 replicas gave up every view below w:
    // one of them is correct, so give them up too (DiemBFT's Bracha step; PBFT's f + 1 rule, Castro
    // & Liskov 1999 §4.5.2). A quorum did: enter w (a timeout certificate).
    const join = this.viewGivenUpBy(this.viewJoinSenders);
    if (join > this.newViewSent) this.sendNewView(join);
    const enter = this.viewGivenUpBy(this.quorum);
    if (enter <= this.curView) return;
    // A quorum gave up the view before `enter` (a timeout certificate): a view change, reported by
    // every replica that enters `enter` so, whether or not its leader is up to propose in it (a
    // view led by a crashed replica is entered and then given up in turn), and counted once per
    // view by the collector, as PBFT's replicas each report a view they enter on q VIEW-CHANGEs.
    this.enterView(enter);
    const ev: ViewChangeEvent = { kind: 'view-change', view: enter, leader: this.config.replicaHosts[this.leaderOf(enter)]! };
    this.ctx.emit(ev);
    if (this.leaderOf(enter) === this.self && this.proposedView < enter) this.propose(enter);
  }

  /** The highest view w such that `senders` replicas sent a NEW-VIEW for w or later (0 if none). */
  private viewGivenUpBy(senders: number): number {
    const sorted = Array.from(this.newViewFrom).sort((a, b) => b - a);
    return sorted[senders - 1] ?? 0;
  }

  private pruneTallies(view: number): void {
    for (const [hash, t] of this.votes) if (t.view <= view) this.votes.delete(hash);
  }

  // ---- committing (Algorithm 4, onCommit) ----

  private commit(b: HsNode): void {
    const from = this.bExec.block.height;
    if (b.block.height <= from) return;
    const path: HsNode[] = [];
    for (let cur: HsNode | undefined = b; cur !== undefined && cur.block.height > from; cur = this.parentOf(cur)) path.push(cur);
    for (let i = path.length - 1; i >= 0; i--) this.execute(path[i]!);
    this.bExec = b;
    this.prune();
  }

  private execute(node: HsNode): void {
    const block = node.block;
    this.chain[block.height] = node;
    const now = this.ctx.nowUs;
    let workUs = 0;
    for (const tx of block.txs) {
      workUs += executionCostUs(this.config.crypto, this.app.execute(tx, block, now));
      this.mempool.markCommitted(tx);
      this.forwarded.delete(tx.id);
    }
    // Every replica executes the committed branch, so every replica pays for the application's work.
    if (workUs > 0) this.ctx.cpu(workUs);
    const ev: CommitEvent = { kind: 'commit', block };
    this.ctx.emit(ev);
    // One signed reply per transaction (messages.ts), charged for the block at once.
    if (block.txs.length > 0) this.ctx.cpu(block.txs.length * replySignCostUs(HOTSTUFF_REPLY_AUTHENTICATION, this.config.crypto));
    for (const tx of block.txs) this.sendReply(tx, block);
  }

  private sendReply(tx: Transaction, block: Block): void {
    const reply: ReplyMessage = { kind: 'reply', txId: tx.id, height: block.height, blockHash: block.hash, replica: this.ctx.self };
    this.ctx.send(tx.sender, reply, replyBytes(HOTSTUFF_REPLY_AUTHENTICATION));
  }

  /** The reply to a request this replica executed, signed again. */
  private resendReply(tx: Transaction): void {
    const block = executedBlockHolding(tx, this.bExec.block.height, (h) => this.chain[h]?.block);
    if (block === undefined) return;
    this.ctx.cpu(replySignCostUs(HOTSTUFF_REPLY_AUTHENTICATION, this.config.crypto));
    this.sendReply(tx, block);
  }

  /** Drop old committed nodes from the map, and nodes that lost to the committed chain. */
  private prune(): void {
    const h = this.bExec.block.height;
    for (const [hash, node] of this.nodes) {
      const nh = node.block.height;
      if (nh > h) continue;
      const committed = this.chain[nh]?.block.hash === hash;
      if (!committed) {
        // An abandoned fork: its transactions may be proposed again.
        for (const tx of node.block.txs) {
          if (this.mempool.isCommitted(tx.id)) continue;
          this.mempool.unpropose(tx.id);
          this.admit(tx);
        }
        this.nodes.delete(hash);
      } else if (nh < h - PRUNE_DEPTH) {
        this.nodes.delete(hash);
      }
    }
  }

  // ---- lookups and block synchronisation ----

  private getNode(hash: string): HsNode | undefined {
    return this.nodes.get(hash);
  }

  private hasNode(hash: string): boolean {
    if (this.nodes.has(hash)) return true;
    return false;
  }

  private parentOf(node: HsNode): HsNode | undefined {
    const p = this.nodes.get(node.block.parentHash);
    if (p !== undefined) return p;
    const c = this.chain[node.block.height - 1];
    return c !== undefined && c.block.hash === node.block.parentHash ? c : undefined;
  }

  private fetch(hash: string, from: number): void {
    if (this.fetching.has(hash) || from === this.self) return;
    this.fetching.add(hash);
    const m: HsFetch = { kind: 'hs-fetch', blockHash: hash, aboveHeight: this.bExec.block.height, requester: this.self };
    this.ctx.send(this.config.replicaHosts[from]!, m, HEADER_BYTES);
  }

  private onFetch(m: HsFetch): void {
    const out: HsNode[] = [];
    let cur = this.nodes.get(m.blockHash);
    if (cur === undefined) {
      // A committed node older than the lookup window.
      for (let h = this.chain.length - 1; h > 0 && h > this.chain.length - 1 - 100_000; h--) {
        if (this.chain[h]?.block.hash === m.blockHash) {
          cur = this.chain[h];
          break;
        }
      }
    }
    while (cur !== undefined && cur.block.height > m.aboveHeight && out.length < FETCH_BATCH) {
      out.push(cur);
      cur = this.parentOf(cur);
    }
    if (out.length === 0) return;
    out.reverse();
    let size = HEADER_BYTES;
    for (const node of out) size += nodeBytes(node);
    const reply: HsNodes = { kind: 'hs-nodes', nodes: out };
    this.ctx.send(this.config.replicaHosts[m.requester]!, reply, size);
  }

  private onNodes(from: HostId, m: HsNodes): void {
    const source = this.config.replicaHosts.indexOf(from);
    for (const node of m.nodes) {
      if (this.hasNode(node.block.hash) || node.block.height <= this.bExec.block.height) {
        // Ancestors this replica already executed: a committed node it lacks in the map is fine.
        if (node.block.height <= this.bExec.block.height && this.chain[node.block.height]?.block.hash === node.block.hash) {
          this.nodes.set(node.block.hash, node);
        }
        continue;
      }
      if (!this.checkNode(node)) return;
      this.receiveNode(node, false, source);
    }
  }
}

/**
 * QCs whose signatures were checked. QCs are immutable and shared by every replica of a run, so a
 * check is done once in wall time while each replica is still charged its modelled CPU time (the
 * same approach as `verifyBlock`); weakly held, so nothing outlives the run that made it.
 */
const VERIFIED_QCS = new WeakSet<QuorumCert>();

const NO_TXS: readonly Transaction[] = Object.freeze([]);
const GENESIS_QC: QuorumCert = Object.freeze({ view: 0, blockHash: ZERO_HASH, sigs: Object.freeze([]) as readonly Signature[] });
const GENESIS_NODE: HsNode = Object.freeze({ block: GENESIS_BLOCK, view: 0, justify: GENESIS_QC, proposer: -1, sig: undefined });
