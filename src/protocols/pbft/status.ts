/**
 * Status reports from a primary whose batches do not execute. PBFT retransmits every message until
 * it is delivered; its implementation does so from the receiver's side: replicas report where they
 * are in STATUS messages and peers send back what the sender lacks (Castro & Liskov, ACM TOCS 2002;
 * docs/references.md §2). A backup needs no report to leave a stuck view: its request timer turns
 * one into a VIEW-CHANGE, which replicas already in later views answer (view-change-protocol.ts).
 * A primary never suspects itself, so one whose backups all moved to later views while their
 * NEW-VIEWs and VIEW-CHANGEs were lost to it would wait for ever, its log window filling with
 * batches nobody prepares. Here it times its oldest pre-prepared batch not yet executed, as a
 * backup times a request (§4.4), and on expiry reports its view; a peer in a later view answers as
 * it answers a VIEW-CHANGE for an earlier view. In a run where batches execute within the timeout
 * the timer is always cancelled before it fires, so such runs process the same events as without it.
 */
import type { HostId } from '../../../sim/index.ts';
import { statusTerm, statusTermOf, PBFT_HEADER_BYTES, type Status } from './messages.ts';
import { NO_TIMER, TAG_STATUS } from './replica-core.ts';
import { ViewChanges } from './view-change-protocol.ts';

export abstract class StatusReports extends ViewChanges {
  /** Start, keep or stop the timer: it runs while this replica is the active primary and a batch it pre-prepared waits. */
  protected override refreshStatusTimer(): void {
    if (!(this.isPrimary && this.viewActive && this.lastPrePrepared > this.lastExecuted)) {
      this.cancelTimer('status');
      return;
    }
    if (this.statusTimer !== NO_TIMER && this.lastExecuted < this.statusSeq) return;
    this.cancelTimer('status');
    this.statusSeq = this.lastExecuted + 1;
    this.statusTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_STATUS);
  }

  /** The timed batch has not executed: report this view to every replica, and again after each timeout. */
  protected onStatusTimer(): void {
    const status: Status = Object.freeze({ kind: 'pbft-status', view: this.view, replica: this.index, sig: this.sign(statusTerm(this.view, this.index)) });
    this.multicast(status, PBFT_HEADER_BYTES + this.authBytes);
    this.statusTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_STATUS);
  }

  protected onStatus(from: HostId, m: Status): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || m.view >= this.view) return;
    this.cpu.charge(this.verifyCost());
    if (!this.verifier.verifyMessage(m, m.sig, from, statusTermOf)) return;
    if (this.mayAnswerBehind(from)) this.sendCurrentView(from);
  }
}
