/**
 * A Raft replica (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm",
 * USENIX ATC 2014) as a sans-I/O actor. Section numbers below are the paper's.
 *
 * Modelling choices:
 * - A log entry is one block: the leader batches client requests (batchSize, batchTimeout,
 *   blockSizeMax) into a block and appends it; its log index is the block's height.
 * - The leader pipelines AppendEntries to a follower whose log is known to match its own: new
 *   entries go out at once and nextIndex advances optimistically; a follower that lags behind is
 *   sent its missing entries up to maxInflightAppends messages ahead of its answers (etcd's
 *   inflight window, docs/references.md §8; one by default). Until then (after an election,
 *   and after a rejection, which moves nextIndex back to the follower's hint, §5.3) it probes: one
 *   AppendEntries in flight, repeated at most once per heartbeat, as etcd/raft's probe state does
 *   (docs/references.md), so a follower whose log diverges is not sent entries it will refuse.
 * - A new leader appends a no-op entry (§8) so entries of earlier terms commit (§5.4.2).
 * - currentTerm, votedFor and the log survive a crash (stable storage, Figure 2); the commit index
 *   survives too, standing for the snapshot of the already-applied state machine.
 * - Writing them takes `persistLatency` (stable-storage.ts). Followers and candidates send their
 *   messages once the state they answer from is written (Figure 2: "updated on stable storage
 *   before responding to RPCs"); the leader sends AppendEntries at once and writes its own entries
 *   in parallel, counting itself towards the commit majority once they are written (as etcd does;
 *   Ongaro's dissertation, §10.2.1).
 * - With `preVote` (the default), a replica whose election timer fires first asks whether a
 *   majority would vote for it (Ongaro's dissertation §9.6) and raises its term only once one would;
 *   a replica in its lease of a leader (heard from it within electionTimeoutMin) ignores the question,
 *   as etcd/raft does beside CheckQuorum (docs/references.md §8).
 * - The leader answers the client (§8); followers redirect requests to the leader they know and
 *   drop those that reach them while they know none (§8; etcd/raft drops such proposals too): the
 *   client's retransmission, which it rebroadcasts to every replica, reaches the next leader.
 */
import { executionCostUs } from '../execution-work.ts';
import type { Actor, ActorContext, HostId, TimerId } from '../../../sim/index.ts';
import { DeadlineTimer } from '../deadline-timer.ts';
import { replyBytes, replySignCostUs } from '../reply.ts';
import { blockTxBytesMax, buildBlock, GENESIS_BLOCK } from '../../ledger/block.ts';
import { blockHashCostUs, macCostUs } from '../../ledger/crypto.ts';
import { TxAuthenticator } from '../../ledger/tx-authentication.ts';
import type { MempoolEvent } from '../../ledger/events.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type {
  CommitEvent,
  ElectionEvent,
  LeadsEvent,
  ReplicaConfig,
  ReplicatedApplication,
  ReplyMessage,
  RequestMessage,
} from '../types.ts';
import {
  appendEntriesBytes,
  RAFT_REPLY_AUTHENTICATION,
  RPC_HEADER_BYTES,
  type AppendEntries,
  type AppendEntriesReply,
  type PreVote,
  type PreVoteReply,
  type RaftEntry,
  type RequestVote,
  type RequestVoteReply,
} from './messages.ts';
import { RAFT_FAULT_MODEL } from './fault-model.ts';
import type { RaftParams } from './params.ts';
import { StableStorage } from './stable-storage.ts';

const TIMER_ELECTION = 1;
const TIMER_HEARTBEAT = 2;
const TIMER_BATCH = 3;
const TIMER_PERSISTED = 4;


export const RaftRole = { follower: 0, candidate: 1, leader: 2 } as const;
type Role = (typeof RaftRole)[keyof typeof RaftRole];

const NO_VOTE = -1;
const NO_TIMER = -1;

/** Deliberately broken rules, for the fuzzer's mutants (src/fuzz/mutants); the real protocol sets none. */
export interface RaftOptions {
  /** Commit the highest index stored on a majority whatever its term: the rule §5.4.2 (Figure 8) shows unsafe. */
  readonly commitsEarlierTermsByCounting?: boolean;
  /** Grant votes and pre-votes without the §5.4.1 check that the candidate's log is at least as up to date. */
  readonly skipsUpToDateCheck?: boolean;
}

export class RaftReplica implements Actor<unknown> {
  readonly params: RaftParams;
  private readonly n: number;
  private readonly majority: number;
  private readonly self: number;

  // Persistent state on all servers (Figure 2). Index 0 is a sentinel (term 0).
  currentTerm = 0;
  private votedFor = NO_VOTE;
  private readonly log: RaftEntry[] = [];
  private readonly storage: StableStorage;

  // Volatile state.
  role: Role = RaftRole.follower;
  commitIndex = 0;
  private lastApplied = 0;
  /** Replica index of the leader this replica follows, or −1. */
  leaderIndex = -1;
  /** The votes of the election or pre-vote under way (never both at once), itself included. */
  private votes = 0;
  private readonly voteFrom: Uint8Array;
  /** Asking for pre-votes at currentTerm + 1 (a follower that knows no leader, §9.6). */
  private preCandidate = false;
  /** When this replica last accepted an AppendEntries of its leader: its lease, for pre-votes. */
  private leaderContactUs = -Infinity;

  // Leader state (Figure 2), reinitialized after election.
  private readonly nextIndex: Int32Array;
  private readonly matchIndex: Int32Array;
  private readonly sortedMatch: Int32Array;
  /** 1 while the leader looks for the point where follower i's log matches (§5.3). */
  private readonly probing: Uint8Array;
  private readonly probePrevIndex: Int32Array;
  /** Followers that answered an AppendEntries of this term since `quorumCheckFromUs` (check quorum). */
  private readonly heardFrom: Uint8Array;
  private quorumCheckFromUs = 0;

  // Election timer: one pending timer, re-armed when it fires early (§5.2).
  private readonly election: DeadlineTimer;
  private heartbeatTimer: TimerId = NO_TIMER;
  private batchTimer: TimerId = NO_TIMER;

  // Client requests: the leader's open batch, and the batch of a leader that stepped down, waiting for a leader to redirect to.
  private batch: Transaction[] = [];
  private batchBytes = 0;
  private waitingForLeader: RequestMessage[] = [];
  /**
   * Log index of each transaction in the log (0 while in the open batch): a retransmitted request
   * is not appended twice, and one already committed is answered again (§8).
   */
  private readonly txInLog = new Map<number, number>();
  /** Checks each transaction's signature or MAC once: at admission, or in the first entry that carries it. */
  private readonly txAuth: TxAuthenticator;
  /**
   * Raft has no authentication of its own; deployed, its RPCs and replies travel over TLS (etcd's
   * peer and client TLS, docs/references.md §6): one MAC to send each message, one to check it.
   */
  private readonly messageMacUs: number;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly config: ReplicaConfig<RaftParams>,
    private readonly app: ReplicatedApplication,
    private readonly options: RaftOptions = {},
  ) {
    this.params = config.params;
    this.election = new DeadlineTimer(ctx, TIMER_ELECTION);
    this.txAuth = new TxAuthenticator(ctx, config.txAuth, config.crypto);
    this.messageMacUs = macCostUs(config.crypto);
    this.storage = new StableStorage(ctx, this.params.persistLatency, TIMER_PERSISTED);
    this.n = config.replicaHosts.length;
    this.majority = RAFT_FAULT_MODEL.quorum(this.n);
    this.self = config.index;
    this.log.push({ term: 0, block: GENESIS_BLOCK });
    this.voteFrom = new Uint8Array(this.n);
    this.nextIndex = new Int32Array(this.n);
    this.matchIndex = new Int32Array(this.n);
    this.sortedMatch = new Int32Array(this.n);
    this.probing = new Uint8Array(this.n);
    this.probePrevIndex = new Int32Array(this.n);
    this.heardFrom = new Uint8Array(this.n);
  }

  get lastLogIndex(): number {
    return this.log.length - 1;
  }

  onStart(): void {
    this.resetElectionDeadline();
  }

  /** §5.1: a server restarts as a follower; its timers were lost with the crash. */
  onRecover(): void {
    this.election.forget();
    this.heartbeatTimer = NO_TIMER;
    this.batchTimer = NO_TIMER;
    for (const tx of this.batch) this.txInLog.delete(tx.id);
    this.batch = [];
    this.batchBytes = 0;
    this.role = RaftRole.follower;
    this.leaderIndex = -1;
    this.preCandidate = false;
    this.leaderContactUs = -Infinity;
    this.storage.recovered(this.lastLogIndex);
    this.resetElectionDeadline();
  }

  onMessage(from: HostId, msg: unknown): void {
    // A client's request is authenticated by its transaction (txAuth); a replica's message by its channel's MAC.
    if ((msg as { kind: string }).kind !== 'request' || this.config.replicaHosts.includes(from)) this.ctx.cpu(this.messageMacUs);
    switch ((msg as { kind: string }).kind) {
      case 'raft-append':
        this.onAppendEntries(msg as AppendEntries);
        break;
      case 'raft-append-reply':
        this.onAppendEntriesReply(msg as AppendEntriesReply);
        break;
      case 'raft-request-vote':
        this.onRequestVote(msg as RequestVote);
        break;
      case 'raft-vote':
        this.onVote(msg as RequestVoteReply);
        break;
      case 'raft-pre-vote':
        this.onPreVote(msg as PreVote);
        break;
      case 'raft-pre-vote-reply':
        this.onPreVoteReply(msg as PreVoteReply);
        break;
      case 'request':
        this.onRequest(msg as RequestMessage);
        break;
      default:
        // Replies and foreign messages are not for replicas.
        void from;
    }
  }

  onTimer(tag: number): void {
    if (tag === TIMER_ELECTION) {
      if (this.role === RaftRole.leader) this.election.forget();
      else if (this.election.fired()) {
        if (this.params.preVote) this.startPreVote();
        else this.startElection();
      }
    } else if (tag === TIMER_HEARTBEAT) {
      this.heartbeatTimer = NO_TIMER;
      if (this.role !== RaftRole.leader) return;
      if (this.lostQuorum()) {
        this.stepDown(this.currentTerm);
        return;
      }
      for (let i = 0; i < this.n; i++) {
        if (i === this.self) continue;
        // A probe may have been lost: repeat it rather than send past it.
        if (this.probing[i] === 1) {
          this.nextIndex[i] = this.probePrevIndex[i]! + 1;
          this.sendProbe(i);
        } else {
          this.sendAppend(i);
        }
      }
      this.heartbeatTimer = this.ctx.setTimer(this.params.heartbeatInterval, TIMER_HEARTBEAT);
    } else if (tag === TIMER_BATCH) {
      this.batchTimer = NO_TIMER;
      if (this.role === RaftRole.leader && this.batch.length > 0) this.appendBatch();
    } else if (tag === TIMER_PERSISTED) {
      this.onPersisted();
    }
  }

  // ---- stable storage (Figure 2) ----

  private onPersisted(): void {
    for (const held of this.storage.written(this.lastLogIndex)) {
      // An answer from an older term is stale once the term moved on: drop it, as a lost message.
      if (held.msg.term === this.currentTerm) this.ctx.send(held.to, held.msg, held.sizeBytes);
    }
    if (this.role === RaftRole.leader) {
      this.matchIndex[this.self] = this.storage.persistedIndex;
      this.advanceCommitIndex();
    }
  }

  /** A follower's or candidate's message waits for its state to be written; the leader's leaves now. */
  private sendPersisted(to: number, msg: AppendEntriesReply | RequestVote | RequestVoteReply): void {
    const host = this.config.replicaHosts[to]!;
    this.ctx.cpu(this.messageMacUs);
    if (this.role === RaftRole.leader) this.ctx.send(host, msg, RPC_HEADER_BYTES);
    else this.storage.sendWhenPersisted({ to: host, msg, sizeBytes: RPC_HEADER_BYTES });
  }

  // ---- client requests (§8) ----

  private onRequest(req: RequestMessage): void {
    if (this.role === RaftRole.leader) {
      this.addToBatch(req.tx);
    } else if (this.leaderIndex >= 0) {
      this.ctx.cpu(this.messageMacUs);
      this.ctx.send(this.config.replicaHosts[this.leaderIndex]!, req, RPC_HEADER_BYTES + req.tx.sizeBytes);
    }
    // §8: a server that knows no leader cannot redirect; the client's retransmission will do. Held
    // instead, every follower would keep its own copy of each rebroadcast retransmission through a
    // long election and send them all to the next leader at once: n − 1 copies of the whole
    // backlog, queued in the new leader's downlink ahead of the AppendEntries replies that let it
    // commit (a 35 s leaderless phase at 10 Mbps held up commits for over 14 s).
  }

  private addToBatch(tx: Transaction): void {
    const index = this.txInLog.get(tx.id);
    if (index !== undefined) {
      if (index > 0 && index <= this.commitIndex) this.reply(tx, this.log[index]!.block);
      return;
    }
    if (this.batch.length > 0 && this.batchBytes + tx.sizeBytes > blockTxBytesMax(this.config.blockSizeMaxBytes)) this.appendBatch();
    this.txInLog.set(tx.id, 0);
    this.batch.push(tx);
    this.batchBytes += tx.sizeBytes;
    if (this.batch.length >= this.config.batchSize) {
      this.appendBatch();
    } else if (this.batchTimer === NO_TIMER) {
      this.batchTimer = this.ctx.setTimer(this.config.batchTimeoutUs, TIMER_BATCH);
    }
  }

  private flushWaitingRequests(): void {
    if (this.waitingForLeader.length === 0 || this.leaderIndex < 0) return;
    const waiting = this.waitingForLeader;
    this.waitingForLeader = [];
    for (const req of waiting) this.onRequest(req);
  }

  // ---- leader: appending and replicating (§5.3) ----

  private appendBatch(): void {
    if (this.batchTimer !== NO_TIMER) {
      this.ctx.cancelTimer(this.batchTimer);
      this.batchTimer = NO_TIMER;
    }
    const txs = this.batch;
    const occupancy: MempoolEvent = { kind: 'mempool', sizeTxs: txs.length, sizeBytes: this.batchBytes };
    this.ctx.emit(occupancy);
    this.batch = [];
    this.batchBytes = 0;
    this.appendEntry(txs);
  }

  private appendEntry(txs: readonly Transaction[]): void {
    // The entry's transactions not checked yet, across the cores: the admission checks of the
    // requests that reached the leader since its last entry (docs/references.md §6).
    this.txAuth.validate(txs);
    const last = this.log[this.lastLogIndex]!;
    const block = buildBlock({
      parentHash: last.block.hash,
      height: this.lastLogIndex + 1,
      proposer: this.ctx.self,
      timestampUs: this.ctx.nowUs,
      txs,
    });
    this.ctx.cpu(blockHashCostUs(this.config.crypto, block.txs.length, block.sizeBytes));
    this.log.push({ term: this.currentTerm, block });
    for (const tx of txs) this.txInLog.set(tx.id, block.height);
    this.storage.changed(this.lastLogIndex);
    this.matchIndex[this.self] = this.storage.persistedIndex;
    for (let i = 0; i < this.n; i++) {
      // Pipelining: only followers already caught up get the new entry now; the others are being
      // sent their backlog, which will include it.
      if (i !== this.self && this.probing[i] === 0 && this.nextIndex[i] === this.lastLogIndex) this.sendAppend(i);
    }
    // A single-replica cluster is its own majority (once the entry is written).
    this.advanceCommitIndex();
  }

  /** Send follower `i` the entries from nextIndex[i] (at most maxEntriesPerAppend), or a heartbeat. */
  private sendAppend(i: number): void {
    const next = this.nextIndex[i]!;
    const end = Math.min(this.lastLogIndex, next + this.params.maxEntriesPerAppend - 1);
    const entries = end >= next ? this.log.slice(next, end + 1) : EMPTY_ENTRIES;
    const prev = next - 1;
    const msg: AppendEntries = {
      kind: 'raft-append',
      term: this.currentTerm,
      leader: this.self,
      prevLogIndex: prev,
      prevLogTerm: this.log[prev]!.term,
      entries,
      leaderCommit: this.commitIndex,
    };
    this.ctx.cpu(this.messageMacUs);
    this.ctx.send(this.config.replicaHosts[i]!, msg, appendEntriesBytes(entries));
    this.nextIndex[i] = next + entries.length;
  }

  private onAppendEntriesReply(r: AppendEntriesReply): void {
    if (r.term > this.currentTerm) {
      this.stepDown(r.term);
      return;
    }
    if (this.role !== RaftRole.leader || r.term < this.currentTerm) return;
    const i = r.from;
    this.heardFrom[i] = 1;
    if (r.success) {
      this.probing[i] = 0;
      if (r.matchIndex > this.matchIndex[i]!) this.matchIndex[i] = r.matchIndex;
      if (this.nextIndex[i]! <= this.matchIndex[i]!) this.nextIndex[i] = this.matchIndex[i]! + 1;
      this.advanceCommitIndex();
      // Catch a lagging follower up without waiting for the heartbeat: AppendEntries after
      // AppendEntries while fewer than maxInflightAppends are unanswered (etcd/raft's replicate
      // state and its inflight window), full ones counted as one each.
      const window = this.params.maxInflightAppends * this.params.maxEntriesPerAppend;
      while (this.nextIndex[i]! <= this.lastLogIndex && this.nextIndex[i]! - 1 - this.matchIndex[i]! < window) this.sendAppend(i);
      return;
    }
    // A rejection of an AppendEntries older than what we already know matches, or of anything but
    // the probe in flight, is stale (messages reorder): ignore it, as etcd/raft does.
    if (r.rejectedPrevIndex <= this.matchIndex[i]!) return;
    if (this.probing[i] === 1 && r.rejectedPrevIndex !== this.probePrevIndex[i]) return;
    // §5.3: move nextIndex back (to the follower's hint) and probe with one AppendEntries.
    this.nextIndex[i] = Math.max(this.matchIndex[i]! + 1, Math.min(r.retryIndex, r.rejectedPrevIndex));
    this.sendProbe(i);
  }

  private sendProbe(i: number): void {
    this.probing[i] = 1;
    this.probePrevIndex[i] = this.nextIndex[i]! - 1;
    this.sendAppend(i);
  }

  /** §5.3, §5.4.2: commit the highest index of the current term stored on a majority. */
  private advanceCommitIndex(): void {
    const s = this.sortedMatch;
    s.set(this.matchIndex);
    s.sort();
    const candidate = s[this.n - this.majority]!;
    if (candidate > this.commitIndex && (this.log[candidate]!.term === this.currentTerm || this.options.commitsEarlierTermsByCounting === true)) {
      this.commitIndex = candidate;
      this.applyCommitted();
    }
  }

  // ---- follower: AppendEntries receiver (Figure 2, §5.3) ----

  private onAppendEntries(m: AppendEntries): void {
    if (m.term < this.currentTerm) {
      this.replyAppend(m, false, 0, 0);
      return;
    }
    if (m.term > this.currentTerm || this.role !== RaftRole.follower) this.becomeFollower(m.term);
    this.preCandidate = false;
    this.leaderContactUs = this.ctx.nowUs;
    if (this.leaderIndex !== m.leader) {
      this.leaderIndex = m.leader;
      this.flushWaitingRequests();
    }
    this.resetElectionDeadline();
    // Reply false if the log does not contain an entry at prevLogIndex with prevLogTerm.
    if (m.prevLogIndex > this.lastLogIndex) {
      this.replyAppend(m, false, 0, this.lastLogIndex + 1);
      return;
    }
    if (this.log[m.prevLogIndex]!.term !== m.prevLogTerm) {
      // Hint: skip the whole conflicting term at once (the optimization §5.3 describes).
      const badTerm = this.log[m.prevLogIndex]!.term;
      let first = m.prevLogIndex;
      while (first > this.commitIndex + 1 && this.log[first - 1]!.term === badTerm) first--;
      this.replyAppend(m, false, 0, first);
      return;
    }
    // Delete a conflicting entry and all that follow it; append entries not already in the log.
    for (let k = 0; k < m.entries.length; k++) {
      const index = m.prevLogIndex + 1 + k;
      const entry = m.entries[k]!;
      if (index <= this.lastLogIndex) {
        if (this.log[index]!.term === entry.term) continue;
        this.truncateFrom(index);
      }
      // Block validation: the entry's transactions this follower has not admitted itself (docs/references.md §6).
      this.txAuth.validate(entry.block.txs);
      this.log.push(entry);
      for (const tx of entry.block.txs) this.txInLog.set(tx.id, index);
      this.storage.changed(this.lastLogIndex);
    }
    const lastNew = m.prevLogIndex + m.entries.length;
    if (m.leaderCommit > this.commitIndex) {
      const newCommit = Math.min(m.leaderCommit, lastNew);
      if (newCommit > this.commitIndex) {
        this.commitIndex = newCommit;
        this.applyCommitted();
      }
    }
    this.replyAppend(m, true, lastNew, 0);
  }

  private replyAppend(m: AppendEntries, success: boolean, matchIndex: number, retryIndex: number): void {
    const r: AppendEntriesReply = {
      kind: 'raft-append-reply',
      term: this.currentTerm,
      from: this.self,
      success,
      matchIndex,
      retryIndex,
      rejectedPrevIndex: m.prevLogIndex,
    };
    this.sendPersisted(m.leader, r);
  }

  private truncateFrom(index: number): void {
    if (index <= this.commitIndex) throw new Error(`raft: replica ${this.self} asked to truncate committed index ${index}`);
    for (let k = index; k <= this.lastLogIndex; k++) for (const tx of this.log[k]!.block.txs) this.txInLog.delete(tx.id);
    this.log.length = index;
    this.storage.truncated(index);
  }

  // ---- elections (§5.2, §5.4.1) ----

  /** §9.6 of Ongaro's dissertation: ask before raising the term; no state is written. */
  private startPreVote(): void {
    this.role = RaftRole.follower;
    this.leaderIndex = -1;
    this.preCandidate = true;
    this.resetElectionDeadline();
    if (this.startTally()) {
      this.startElection();
      return;
    }
    const last = this.lastLogIndex;
    const msg: PreVote = { kind: 'raft-pre-vote', term: this.currentTerm + 1, candidate: this.self, lastLogIndex: last, lastLogTerm: this.log[last]!.term };
    for (let i = 0; i < this.n; i++) if (i !== this.self) this.sendNow(i, msg);
  }

  private onPreVote(m: PreVote): void {
    // A replica that heard from its leader within electionTimeoutMin does not answer (§9.6; etcd/raft's lease).
    if (this.role === RaftRole.leader || (this.leaderIndex >= 0 && this.ctx.nowUs - this.leaderContactUs < this.params.electionTimeoutMin)) return;
    // Never changes this replica's term or vote: granted at the asked term, refused at its own.
    const granted = m.term > this.currentTerm && this.logUpToDate(m.lastLogIndex, m.lastLogTerm);
    const r: PreVoteReply = { kind: 'raft-pre-vote-reply', term: granted ? m.term : this.currentTerm, from: this.self, granted };
    this.sendNow(m.candidate, r);
  }

  private onPreVoteReply(r: PreVoteReply): void {
    if (!r.granted) {
      if (r.term > this.currentTerm) this.stepDown(r.term);
      return;
    }
    if (!this.preCandidate || r.term !== this.currentTerm + 1) return;
    if (this.countVote(r.from)) this.startElection();
  }

  /** A new tally with this replica's own vote; true if that alone is a majority (n = 1). */
  private startTally(): boolean {
    this.voteFrom.fill(0);
    this.voteFrom[this.self] = 1;
    this.votes = 1;
    return this.votes >= this.majority;
  }

  /** Counts `from`'s vote once; true when this vote completes the majority. */
  private countVote(from: number): boolean {
    if (this.voteFrom[from] === 1) return false;
    this.voteFrom[from] = 1;
    this.votes++;
    return this.votes === this.majority;
  }

  /** A pre-vote and its answer change no state, so they leave without waiting for a write. */
  private sendNow(to: number, msg: PreVote | PreVoteReply): void {
    this.ctx.cpu(this.messageMacUs);
    this.ctx.send(this.config.replicaHosts[to]!, msg, RPC_HEADER_BYTES);
  }

  /** §5.4.1: a candidate's log is at least as up to date as this replica's. */
  private logUpToDate(lastLogIndex: number, lastLogTerm: number): boolean {
    if (this.options.skipsUpToDateCheck === true) return true;
    const last = this.lastLogIndex;
    const lastTerm = this.log[last]!.term;
    return lastLogTerm > lastTerm || (lastLogTerm === lastTerm && lastLogIndex >= last);
  }

  private startElection(): void {
    this.preCandidate = false;
    this.currentTerm++;
    this.role = RaftRole.candidate;
    this.leaderIndex = -1;
    this.votedFor = this.self;
    this.storage.changed(this.lastLogIndex);
    const election: ElectionEvent = { kind: 'election', term: this.currentTerm };
    this.ctx.emit(election);
    this.resetElectionDeadline();
    if (this.startTally()) {
      this.becomeLeader();
      return;
    }
    const last = this.lastLogIndex;
    const msg: RequestVote = { kind: 'raft-request-vote', term: this.currentTerm, candidate: this.self, lastLogIndex: last, lastLogTerm: this.log[last]!.term };
    for (let i = 0; i < this.n; i++) if (i !== this.self) this.sendPersisted(i, msg);
  }

  private onRequestVote(m: RequestVote): void {
    if (m.term > this.currentTerm) this.stepDown(m.term);
    // §5.4.1: grant only to a candidate whose log is at least as up-to-date as ours.
    const granted = m.term === this.currentTerm && (this.votedFor === NO_VOTE || this.votedFor === m.candidate) && this.logUpToDate(m.lastLogIndex, m.lastLogTerm);
    if (granted) {
      this.votedFor = m.candidate;
      this.storage.changed(this.lastLogIndex);
      this.resetElectionDeadline();
    }
    const r: RequestVoteReply = { kind: 'raft-vote', term: this.currentTerm, from: this.self, granted };
    this.sendPersisted(m.candidate, r);
  }

  private onVote(r: RequestVoteReply): void {
    if (r.term > this.currentTerm) {
      this.stepDown(r.term);
      return;
    }
    if (this.role !== RaftRole.candidate || r.term !== this.currentTerm || !r.granted) return;
    if (this.countVote(r.from)) this.becomeLeader();
  }

  /**
   * Check quorum (Ongaro's dissertation §6.2; etcd/raft's CheckQuorum): a leader that has not heard
   * from a majority, itself included, for a whole election timeout steps down. Cut off in a minority
   * it would otherwise lead on for good, appending every request that reaches it: a leader isolated
   * for 35 s under asynchrony held 1,300 entries no majority had and, elected again on that log
   * after the fault phase, committed nothing for the 5 s left while it copied them two entries per
   * round trip (found by iomtsim fuzz; docs/fuzz-findings/raft-isolated-leader-backlog.yaml).
   * Checked at each heartbeat, once a window of electionTimeoutMax has passed.
   */
  private lostQuorum(): boolean {
    const now = this.ctx.nowUs;
    if (now - this.quorumCheckFromUs < this.params.electionTimeoutMax) return false;
    let heard = 1;
    for (let i = 0; i < this.n; i++) if (i !== this.self) heard += this.heardFrom[i]!;
    this.heardFrom.fill(0);
    this.quorumCheckFromUs = now;
    return heard < this.majority;
  }

  private becomeLeader(): void {
    this.role = RaftRole.leader;
    this.leaderIndex = this.self;
    this.heardFrom.fill(0);
    this.quorumCheckFromUs = this.ctx.nowUs;
    this.nextIndex.fill(this.lastLogIndex + 1);
    this.matchIndex.fill(0);
    this.probing.fill(1);
    this.matchIndex[this.self] = this.storage.persistedIndex;
    const leads: LeadsEvent = { kind: 'leads', view: this.currentTerm, leader: this.ctx.self };
    this.ctx.emit(leads);
    // §8: a no-op entry of the new term lets earlier entries commit. Sent as each follower's first
    // probe, it is also the first heartbeat that establishes authority (§5.2); entries appended
    // before a follower answers wait for its answer.
    this.appendEntry(EMPTY_TXS);
    for (let i = 0; i < this.n; i++) if (i !== this.self) this.sendProbe(i);
    this.heartbeatTimer = this.ctx.setTimer(this.params.heartbeatInterval, TIMER_HEARTBEAT);
    this.flushWaitingRequests();
  }

  /** §5.1: a server that sees a higher term reverts to follower. */
  private stepDown(term: number): void {
    this.becomeFollower(term);
    this.leaderIndex = -1;
  }

  private becomeFollower(term: number): void {
    if (term > this.currentTerm) {
      this.currentTerm = term;
      this.votedFor = NO_VOTE;
      this.storage.changed(this.lastLogIndex);
    }
    const wasLeader = this.role === RaftRole.leader;
    this.role = RaftRole.follower;
    this.preCandidate = false;
    if (wasLeader) {
      if (this.heartbeatTimer !== NO_TIMER) this.ctx.cancelTimer(this.heartbeatTimer);
      this.heartbeatTimer = NO_TIMER;
      if (this.batchTimer !== NO_TIMER) this.ctx.cancelTimer(this.batchTimer);
      this.batchTimer = NO_TIMER;
      // The open batch was never appended: hand it to whoever leads next.
      for (const tx of this.batch) {
        this.txInLog.delete(tx.id);
        this.waitingForLeader.push({ kind: 'request', tx });
      }
      this.batch = [];
      this.batchBytes = 0;
      this.resetElectionDeadline();
    }
  }

  private resetElectionDeadline(): void {
    const p = this.params;
    this.election.reset(p.electionTimeoutMin + Math.floor(this.ctx.rng.float() * (p.electionTimeoutMax - p.electionTimeoutMin + 1)));
  }

  // ---- applying committed entries (Figure 2, "Rules for Servers") ----

  private applyCommitted(): void {
    const leader = this.role === RaftRole.leader;
    while (this.lastApplied < this.commitIndex) {
      this.lastApplied++;
      const block = this.log[this.lastApplied]!.block;
      let workUs = 0;
      for (const tx of block.txs) workUs += executionCostUs(this.config.crypto, this.app.execute(tx, block, this.ctx.nowUs));
      // Every server applies committed entries to its own state machine, so every server pays for it.
      if (workUs > 0) this.ctx.cpu(workUs);
      const ev: CommitEvent = { kind: 'commit', block };
      this.ctx.emit(ev);
      if (leader) for (const tx of block.txs) this.reply(tx, block);
    }
  }

  private reply(tx: Transaction, block: Block): void {
    const self = this.ctx.self;
    const reply: ReplyMessage = { kind: 'reply', txId: tx.id, height: block.height, blockHash: block.hash, replica: self, leader: self, view: this.currentTerm };
    this.ctx.cpu(replySignCostUs(RAFT_REPLY_AUTHENTICATION, this.config.crypto));
    this.ctx.send(tx.sender, reply, replyBytes(RAFT_REPLY_AUTHENTICATION));
  }

  /** The committed prefix of the log (for tests and inspection). */
  committedBlocks(): Block[] {
    const out: Block[] = [];
    for (let i = 1; i <= this.commitIndex; i++) out.push(this.log[i]!.block);
    return out;
  }
}

const EMPTY_ENTRIES: readonly RaftEntry[] = Object.freeze([]);
const EMPTY_TXS: readonly Transaction[] = Object.freeze([]);
