/**
 * A PBFT replica (Castro & Liskov, "Practical Byzantine Fault Tolerance", OSDI 1999) as a sans-I/O
 * actor. Each handler names the section it implements. n ≥ 3f + 1 replicas, certificates of the
 * fault model's quorum q (fault-model.ts; 2f + 1 at n = 3f + 1); replica i is the
 * primary of view v when i = v mod n (§4.1). Sequence numbers are block heights: the primary
 * orders one batch of requests (a block) per sequence number.
 *
 * Authentication: every message carries a signature from the crypto model, verified by
 * recomputing the digest of its fields; the CPU charged is that of MAC authenticators in the
 * normal case (`auth: macs`, §5) or of signatures (`auth: signatures`). View changes are signed.
 *
 * The protocol's parts are layered classes, one file each: state and helpers (replica-core.ts),
 * normal case (normal-case.ts), checkpoints and state transfer (checkpoints.ts), view changes
 * (view-change-protocol.ts), a stuck primary's status reports (status.ts). This file dispatches
 * messages and timers to them.
 */
import type { Actor, HostId } from '../../../sim/index.ts';
import type { Transaction } from '../../ledger/types.ts';
import type { ProposalExclusion } from '../definition.ts';
import type { RequestMessage } from '../types.ts';
import type { PbftMessage } from './messages.ts';
import type { FetchReply, FetchRequest } from './state-transfer.ts';
import { StatusReports } from './status.ts';
import { TAG_BATCH, TAG_REQUEST, TAG_NEW_VIEW, TAG_STATUS, NO_TIMER } from './replica-core.ts';

export type { PbftOptions } from './replica-core.ts';

export class PbftReplica extends StatusReports implements Actor<unknown>, ProposalExclusion {
  override onMessage(from: HostId, msg: unknown): void {
    const m = msg as PbftMessage | RequestMessage | FetchRequest | FetchReply;
    switch (m.kind) {
      case 'request': return this.onRequest(from, m);
      case 'pbft-pre-prepare': return this.onPrePrepare(from, m);
      case 'pbft-prepare': return this.onPrepare(from, m);
      case 'pbft-commit': return this.onCommit(from, m);
      case 'pbft-checkpoint': return this.onCheckpoint(from, m);
      case 'pbft-view-change': return this.onViewChange(from, m);
      case 'pbft-new-view': return this.onNewView(from, m);
      case 'pbft-status': return this.onStatus(from, m);
      case 'pbft-fetch': return this.onFetch(from, m);
      case 'pbft-blocks': return this.onBlocks(from, m);
      default: return;
    }
  }

  excludeFromProposals(excludes: ((tx: Transaction) => boolean) | null): void {
    this.mempool.excluding = excludes;
  }

  onTimer(tag: number): void {
    if (tag === TAG_BATCH) {
      this.batchTimer = NO_TIMER;
      if (this.canPropose()) this.propose();
      this.maybePropose();
    } else if (tag === TAG_REQUEST) {
      this.requestTimer = NO_TIMER;
      // Behind a stable checkpoint, the delay is ours: fetch the state instead of suspecting the primary.
      if (this.stableSeq > this.lastExecuted) {
        this.maybeFetch();
        this.startRequestTimer();
        return;
      }
      // §4.4: the timer expired while waiting for a request to execute: suspect the primary. §4.5.2:
      // a view in which nothing new executed failed too, so the next one waits twice as long;
      // resetting the timeout on entering a view instead let views that need longer than T to
      // redo O fail for ever at T.
      if (this.viewActive && !this.isPrimary && this.isWaiting()) {
        if (!this.executedInView) this.failedViews++;
        this.startViewChange(this.view + 1);
      }
    } else if (tag === TAG_STATUS) {
      this.statusTimer = NO_TIMER;
      this.onStatusTimer();
    } else if (tag === TAG_NEW_VIEW) {
      this.newViewTimer = NO_TIMER;
      if (this.viewActive) return;
      // §4.5.2: q replicas wanted this view but no NEW-VIEW came: try the next, waiting twice as long.
      if (this.viewChangeCount(this.view) >= this.q) {
        this.failedViews++;
        this.startViewChange(this.view + 1);
        return;
      }
      // Fewer than q joined (messages lost, or a partition): retransmit ours, as PBFT's
      // implementation does for every message it must eventually deliver (§5).
      const mine = this.viewChanges.get(this.view)?.[this.index];
      if (mine !== undefined) this.sendViewChange(mine);
      this.newViewTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_NEW_VIEW);
    }
  }

  /** A crash lost the timers (the log survives, as on stable storage). */
  onRecover(): void {
    this.batchTimer = this.requestTimer = this.newViewTimer = this.statusTimer = NO_TIMER;
    if (this.viewActive) {
      this.maybePropose();
      this.refreshRequestTimer();
    } else {
      this.newViewTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_NEW_VIEW);
    }
  }
}
