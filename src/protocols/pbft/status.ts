/**
 * Receiver-based retransmission. PBFT retransmits every message until it is delivered; its
 * implementation does so from the receiver's side: a replica reports where it is in a STATUS
 * message and peers send back what it lacks (Castro & Liskov, ACM TOCS 2002; docs/references.md §2).
 *
 * A replica in an active view that knows of a sequence number above its last executed one times
 * the next batch to execute; if it has not executed when `statusInterval` expires, the replica
 * multicasts a STATUS, and again while it still waits, each wait twice the last (up to the
 * view-change timeout) until the batch executes. A peer in the same view resends its own COMMIT
 * for each number the sender has not committed, and its PREPARE (the primary: its PRE-PREPARE, if
 * the sender lacks it) for each it has not prepared; a peer whose stable checkpoint is above the
 * sender's last executed batch sends its CHECKPOINT of it, from which the sender fetches the state;
 * a peer in a later view sends what moves the sender there (its NEW-VIEW as that view's primary,
 * else its VIEW-CHANGE). Without this a replica that lost a PREPARE or COMMIT trails until the next
 * stable checkpoint or view change, and a primary whose backups all moved to a later view while
 * their messages to it were lost waits for ever.
 *
 * The BFT library multicasts STATUS periodically whether or not the replica lacks anything; here a
 * replica reports only while it waits, so a run where every batch executes within the interval
 * sends none and processes the same events as without it (the timer is cancelled before it fires).
 */
import type { HostId } from '../../../sim/index.ts';
import { statusBytes, statusTerm, statusTermOf, type Status } from './messages.ts';
import { NO_TIMER, TAG_STATUS } from './replica-core.ts';
import { ViewChanges } from './view-change-protocol.ts';

/** A message first sent this recently is not resent (the BFT library's Replica::retransmit: 10 ms). */
const JUST_SENT_US = 10_000;

export abstract class StatusReports extends ViewChanges {
  /** The wait until the next report: `statusInterval` when the timer starts, doubled at each report up to the view-change timeout. */
  private statusWaitUs = 0;

  /** Start, keep or stop the timer: it runs while the view is active and a known batch has not executed. */
  protected override refreshStatusTimer(): void {
    if (!(this.viewActive && this.knownSeq > this.lastExecuted)) {
      this.cancelTimer('status');
      return;
    }
    if (this.statusTimer !== NO_TIMER && this.lastExecuted < this.statusSeq) return;
    this.cancelTimer('status');
    this.statusWaitUs = this.params.statusInterval;
    this.statusSeq = this.lastExecuted + 1;
    this.statusTimer = this.ctx.setTimer(this.statusWaitUs, TAG_STATUS);
  }

  /** The timed batch has not executed: report to every replica, and again after each interval while waiting. */
  protected onStatusTimer(): void {
    if (!(this.viewActive && this.knownSeq > this.lastExecuted)) return;
    const prePrepared: number[] = [];
    const prepared: number[] = [];
    const committed: number[] = [];
    const top = this.highestInWindow();
    for (let seq = this.lastExecuted + 1; seq <= top; seq++) {
      const slot = this.slots.get(seq);
      if (slot === undefined || slot.prePrepare === undefined || slot.view !== this.view) continue;
      prePrepared.push(seq);
      if (!slot.prepared) continue;
      prepared.push(seq);
      if (slot.committed) committed.push(seq);
    }
    const body = { view: this.view, lastExecuted: this.lastExecuted, stableSeq: this.stableSeq, prePrepared, prepared, committed, replica: this.index };
    const status: Status = Object.freeze({ kind: 'pbft-status', ...body, sig: this.sign(statusTerm(body)) });
    this.multicast(status, statusBytes(this.params.logWindow, this.authBytes));
    // While reports bring nothing, the wait doubles, as TCP's retransmission timer does (RFC 6298
    // §5.5), up to the view-change timeout; it is one interval again once the timed batch executes
    // (refreshStatusTimer). A replica cut off, or in a view that cannot commit, would otherwise
    // draw every peer's votes for the whole log window at each interval.
    this.statusWaitUs = Math.max(this.params.statusInterval, Math.min(2 * this.statusWaitUs, this.params.viewChangeTimeout));
    this.statusTimer = this.ctx.setTimer(this.statusWaitUs, TAG_STATUS);
  }

  /** The highest sequence number this replica knows of that its log window can hold. */
  private highestInWindow(): number {
    return Math.min(this.knownSeq, this.lowWater + this.params.logWindow);
  }

  protected onStatus(from: HostId, m: Status): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || m.view > this.view) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, statusTermOf)) return;
    if (m.view < this.view) {
      if (this.mayAnswerBehind(from)) this.sendCurrentView(from);
      return;
    }
    if (!this.viewActive) return;
    // Below this replica's stable checkpoint the log is gone: the sender needs the state (§4.3).
    if (this.stableSeq > m.lastExecuted) this.sendStableCheckpoint(from, i, true);
    this.resendVotes(from, m);
  }

  /**
   * Resend this replica's own messages of the view for the sequence numbers the sender has not
   * committed or prepared. They go out as they were first sent, authenticator included (the BFT
   * library's retransmit sends the stored message), so resending costs no new MAC or signature. A
   * message first sent less than `JUST_SENT_US` ago is likely still on its way and is not resent,
   * as the library does not.
   */
  private resendVotes(to: HostId, m: Status): void {
    const prePrepared = new Set(m.prePrepared);
    const prepared = new Set(m.prepared);
    const committed = new Set(m.committed);
    const top = this.highestInWindow();
    const now = this.ctx.nowUs;
    for (let seq = Math.max(m.lastExecuted, this.lowWater) + 1; seq <= top; seq++) {
      const slot = this.slots.get(seq);
      if (slot === undefined || committed.has(seq)) continue;
      const commit = slot.commits[this.index];
      if (commit !== undefined && commit.view === m.view && now - slot.commitSentUs >= JUST_SENT_US) this.ctx.send(to, commit, this.voteBytes);
      if (prepared.has(seq) || now - slot.voteSentUs < JUST_SENT_US) continue;
      const pp = slot.prePrepare;
      if (this.isPrimary) {
        // The batch travels in the PRE-PREPARE: it is resent only to a replica that lacks it.
        if (pp !== undefined && pp.view === m.view && pp.replica === this.index && !prePrepared.has(seq)) this.ctx.send(to, pp, this.voteBytes + pp.block.sizeBytes);
      } else {
        const prepare = slot.prepares[this.index];
        if (prepare !== undefined && prepare.view === m.view) this.ctx.send(to, prepare, this.voteBytes);
      }
    }
  }
}
