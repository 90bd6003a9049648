/**
 * A Raft server's stable storage (Ongaro & Ousterhout 2014, Figure 2: currentTerm, votedFor and
 * log[] are "updated on stable storage before responding to RPCs"), as a write latency in virtual
 * time. A disk write is not processor work, so it is a timer, not `cpu`: the host keeps handling
 * messages while it runs.
 *
 * One write is in flight at a time and holds everything changed before it began; whatever changes
 * while it runs goes into the next write (group commit, as etcd's WAL does). A write begun at this
 * instant still takes what changes at this instant (one handler's changes, one write). Messages that
 * answer from persisted state wait for the write that holds it: those queued before a change wait
 * for the write in flight, those after it for the next.
 *
 * What is modelled is the latency only: a crash loses the write in flight and the messages waiting
 * for it, but not the state (the replica's log, term and vote survive a crash whole).
 */
import type { ActorContext, HostId, TimerTag } from '../../../sim/index.ts';

/** A message held until the state it answers from is on stable storage. */
export interface HeldMessage {
  readonly to: HostId;
  readonly msg: { readonly term: number };
  readonly sizeBytes: number;
}

export class StableStorage {
  /** Highest log index on stable storage. */
  persistedIndex = 0;
  private writing = false;
  private writeStartedUs = 0;
  /** Log index the write in flight makes durable. */
  private writingUpTo = 0;
  /** State changed after the write in flight began: it needs another write. */
  private unwritten = false;
  private afterThisWrite: HeldMessage[] = [];
  private afterNextWrite: HeldMessage[] = [];

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly latencyUs: number,
    private readonly timerTag: TimerTag,
  ) {}

  /** The log (up to `lastLogIndex`), the term or the vote changed: it must be written. */
  changed(lastLogIndex: number): void {
    if (this.latencyUs === 0) {
      this.persistedIndex = lastLogIndex;
    } else if (!this.writing) {
      this.startWrite(lastLogIndex);
    } else if (this.ctx.nowUs === this.writeStartedUs) {
      this.writingUpTo = lastLogIndex;
    } else {
      this.unwritten = true;
    }
  }

  /** Entries from `index` on were removed: what the disk holds of them no longer counts. */
  truncated(index: number): void {
    if (this.persistedIndex >= index) this.persistedIndex = index - 1;
    if (this.writingUpTo >= index) this.writingUpTo = index - 1;
  }

  /** Send now if everything changed so far is on stable storage, else once it is. */
  sendWhenPersisted(held: HeldMessage): void {
    if (!this.writing) this.ctx.send(held.to, held.msg, held.sizeBytes);
    else if (this.unwritten) this.afterNextWrite.push(held);
    else this.afterThisWrite.push(held);
  }

  /**
   * The write in flight completed (its timer fired): returns the messages it releases, and starts
   * the next write if anything changed meanwhile.
   */
  written(lastLogIndex: number): readonly HeldMessage[] {
    this.writing = false;
    this.persistedIndex = this.writingUpTo;
    const released = this.afterThisWrite;
    this.afterThisWrite = this.afterNextWrite;
    this.afterNextWrite = [];
    if (this.unwritten) this.startWrite(lastLogIndex);
    return released;
  }

  /** After a crash: the state survived, the write in flight and the held messages did not. */
  recovered(lastLogIndex: number): void {
    this.persistedIndex = lastLogIndex;
    this.writing = false;
    this.unwritten = false;
    this.afterThisWrite = [];
    this.afterNextWrite = [];
  }

  private startWrite(lastLogIndex: number): void {
    this.writing = true;
    this.unwritten = false;
    this.writeStartedUs = this.ctx.nowUs;
    this.writingUpTo = lastLogIndex;
    this.ctx.setTimer(this.latencyUs, this.timerTag);
  }
}
