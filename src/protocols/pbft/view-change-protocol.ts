/**
 * PBFT view changes at a replica (Castro & Liskov, OSDI 1999, §4.4, §4.5.2): VIEW-CHANGE, NEW-VIEW
 * and installing the new view. The deterministic parts (validating proofs, computing O from V)
 * are in view-change.ts.
 */
import type { HostId } from '../../../sim/index.ts';
import type { ViewChangeEvent } from '../types.ts';
import {
  newViewBytes, newViewTerm, prePrepareTerm, prepareTerm, viewChangeBytes, viewChangeTerm, type NewView, type PrePrepare, type Prepare, type PreparedProof, type ViewChange,
} from './messages.ts';
import { computeNewViewOrder, validViewChange, viewChangeSignatures, type OrderedBatch } from './view-change.ts';
import { Checkpoints } from './checkpoints.ts';
import { TAG_NEW_VIEW } from './replica-core.ts';

export abstract class ViewChanges extends Checkpoints {
  /** When each replica last got an answer to a VIEW-CHANGE for an earlier view, µs (by index). */
  private readonly answeredEarlierUs = new Float64Array(this.n).fill(-Infinity);
  /** The stable checkpoint this replica last sent its CHECKPOINT of to each replica (see sendStableCheckpoint). */
  private readonly sentStableSeq = new Float64Array(this.n);
  /** The highest view this replica reported entering (reportViewEntered). */
  private reportedView = 0;

  // ---- §4.4: view changes ----

  protected startViewChange(target: number): void {
    if (target <= this.view) return;
    this.view = target;
    this.viewActive = false;
    this.cancelTimer('batch');
    this.cancelTimer('request');
    this.cancelTimer('newView');
    this.cancelTimer('status');
    const prepared: PreparedProof[] = [];
    for (const [seq, slot] of this.slots) {
      const proof = seq > this.stableSeq ? slot.proof() : undefined;
      if (proof !== undefined) prepared.push(proof);
    }
    prepared.sort((a, b) => a.prePrepare.seq - b.prePrepare.seq);
    const body = { newView: target, stableSeq: this.stableSeq, checkpointProof: this.stableProof, prepared, replica: this.index };
    this.cpu.charge(this.costs.signUs);
    const vc: ViewChange = Object.freeze({ kind: 'pbft-view-change', ...body, sig: this.key.sign(this.verifier.digest(viewChangeTerm(body))) });
    this.sendViewChange(vc);
    this.resendUnstableCheckpoints();
    this.newViewTimer = this.ctx.setTimer(this.viewChangeTimeout(), TAG_NEW_VIEW);
    this.recordViewChange(vc);
    this.replayDeferred();
  }

  /**
   * Each Pm carries its pre-prepare "without the corresponding client message" (§4.4): digests and
   * signatures only, as the NEW-VIEW's O does; the replicas hold the batches they prepared.
   */
  protected sendViewChange(vc: ViewChange): void {
    const size = this.viewChangeSize(vc);
    for (let j = 0; j < this.n; j++) if (j !== this.index) this.ctx.send(this.hosts[j]!, vc, size);
  }

  private viewChangeSize(vc: ViewChange): number {
    let certificateMessages = 0;
    for (const p of vc.prepared) certificateMessages += 1 + p.prepares.length;
    return viewChangeBytes(vc.checkpointProof.length, certificateMessages);
  }

  protected viewChangeCount(view: number): number {
    const list = this.viewChanges.get(view);
    return list === undefined ? 0 : list.reduce((c, x) => c + (x === undefined ? 0 : 1), 0);
  }

  protected onViewChange(from: HostId, m: ViewChange): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined) return;
    if (m.replica === i && m.stableSeq < this.stableSeq) this.sendStableCheckpoint(from, i);
    if (m.newView < this.view) {
      if (m.replica === i) this.answerEarlierViewChange(from, m.newView);
      return;
    }
    if (m.newView === this.view && this.viewActive) {
      // The sender missed the NEW-VIEW that installed this view: the primary sends it again.
      if (this.isPrimary && this.lastNewView?.view === this.view && m.replica === i) this.ctx.send(from, this.lastNewView, this.newViewSize(this.lastNewView));
      return;
    }
    // A retransmitted copy of a VIEW-CHANGE this replica already accepted is recognised by its
    // digest and changes nothing: its signatures are not checked again.
    if (this.viewChanges.get(m.newView)?.[m.replica] === m) return;
    // The certificates' signatures are independent checks, spread over the host's cores as a
    // batch's transaction checks are (sim/engine.ts, cpuParallel); the state machine waits for all.
    this.ctx.cpuParallel(viewChangeSignatures(m), this.costs.verifyUs);
    if (!validViewChange(m, i, this.quorums, this.verifier)) return;
    this.recordViewChange(m);
  }

  /**
   * A replica retransmitting its VIEW-CHANGE for an earlier view has not heard enough of that view
   * change to time out of it (§4.5.2 starts the timer only after q of them). This replica's own
   * VIEW-CHANGE for that view stopped being retransmitted when it moved on, though it may never have
   * arrived (PBFT retransmits every message until it is delivered, §5): send it again, or, as the
   * primary of a view installed since, the NEW-VIEW that installed it. Without this a replica that
   * moved on alone and those left behind wait for each other for good. At most once per
   * viewChangeTimeout for each replica: one left behind retransmits no faster, and two replicas
   * that both moved on would otherwise answer each other's answers back and forth.
   */
  private answerEarlierViewChange(to: HostId, view: number): void {
    if (!this.mayAnswerBehind(to)) return;
    const mine = this.viewChanges.get(view)?.[this.index];
    if (mine !== undefined) this.ctx.send(to, mine, this.viewChangeSize(mine));
    else if (this.viewActive) this.sendCurrentView(to);
  }

  /**
   * A VIEW-CHANGE reports its sender's stable checkpoint (§4.4); one behind this replica's missed
   * the CHECKPOINTs that made it stable, and nothing else brings them to a replica alone in a later
   * view. PBFT retransmits what a replica reports lacking (Castro & Liskov, ACM TOCS 2002, status
   * messages): send it this replica's own CHECKPOINT of its stable checkpoint, from which, with the
   * others', it can make that checkpoint stable and fetch the state. Once for each replica and
   * stable checkpoint: the replica keeps retransmitting the same VIEW-CHANGE, which cannot tell
   * whether it has caught up since; should the copy be lost, the next stable checkpoint is sent.
   * A STATUS does tell (its sender's last executed number is below the checkpoint), so a report
   * draws it again each time (`evenIfSent`), as the library resends at every status.
   */
  protected sendStableCheckpoint(to: HostId, replica: number, evenIfSent = false): void {
    const mine = this.stableProof.find((c) => c.replica === this.index);
    if (mine === undefined || (!evenIfSent && this.sentStableSeq[replica]! >= this.stableSeq)) return;
    this.sentStableSeq[replica] = this.stableSeq;
    this.cpu.charge(this.sendCost(1));
    this.ctx.send(to, mine, this.checkpointBytes());
  }

  /**
   * Whether a replica in an earlier view may be answered now: at most once per viewChangeTimeout
   * for each, whatever it sent (see answerEarlierViewChange).
   */
  protected mayAnswerBehind(to: HostId): boolean {
    const i = this.indexOfHost.get(to)!;
    if (this.ctx.nowUs - this.answeredEarlierUs[i]! < this.params.viewChangeTimeout) return false;
    this.answeredEarlierUs[i] = this.ctx.nowUs;
    return true;
  }

  /**
   * Send what moves a replica into this replica's view: the NEW-VIEW that installed it, as its
   * primary, or this replica's VIEW-CHANGE for it while that view change is on (f + 1 of them make
   * the receiver join, §4.5.2). A backup active in the view has neither to give.
   */
  protected sendCurrentView(to: HostId): void {
    if (this.viewActive) {
      if (this.isPrimary && this.lastNewView?.view === this.view) this.ctx.send(to, this.lastNewView, this.newViewSize(this.lastNewView));
      return;
    }
    const mine = this.viewChanges.get(this.view)?.[this.index];
    if (mine !== undefined) this.ctx.send(to, mine, this.viewChangeSize(mine));
  }

  protected recordViewChange(m: ViewChange): void {
    let list = this.viewChanges.get(m.newView);
    if (list === undefined) {
      list = new Array<ViewChange | undefined>(this.n);
      this.viewChanges.set(m.newView, list);
    }
    list[m.replica] = m;
    // §4.5.2: f + 1 replicas want a later view: join the smallest such view without waiting.
    if (m.newView > this.view) {
      const senders = new Set<number>();
      let smallest = Infinity;
      for (const [w, vcs] of this.viewChanges) {
        if (w <= this.view) continue;
        vcs.forEach((x, j) => { if (x !== undefined) senders.add(j); });
        if (w < smallest) smallest = w;
      }
      if (senders.size >= this.f + 1) this.startViewChange(smallest);
      return;
    }
    if (m.newView !== this.view || this.viewActive) return;
    const count = this.viewChangeCount(m.newView);
    if (count >= this.q) this.reportViewEntered();
    if (this.isPrimary && count >= this.q && list[this.index] !== undefined) this.sendNewView(list);
  }

  /**
   * Report once that this replica entered its view after a fault: as it first holds q VIEW-CHANGEs
   * for it (q replicas gave up the view before: the certificate a NEW-VIEW carries, §4.4, on which
   * §4.5.2 starts the timer), or as a NEW-VIEW installs it, whichever comes first. A view whose
   * primary is down is entered so and then given up in turn (§4.5.2), and is a view change too,
   * as HotStuff's view entered on a timeout certificate is whether or not its leader is up.
   */
  private reportViewEntered(): void {
    if (this.view <= this.reportedView) return;
    this.reportedView = this.view;
    const entered: ViewChangeEvent = { kind: 'view-change', view: this.view, leader: this.primaryHost() };
    this.ctx.emit(entered);
  }

  /** The new primary multicasts <NEW-VIEW, v+1, V, O> (§4.4). */
  protected sendNewView(list: readonly (ViewChange | undefined)[]): void {
    const V = list.filter((x): x is ViewChange => x !== undefined);
    const { order } = computeNewViewOrder(V, this.ctx.self);
    const prePrepares = order.map((o) => this.signPrePrepare(this.view, o.seq, o.block));
    const body = { view: this.view, viewChanges: V, prePrepares, replica: this.index };
    this.cpu.charge(this.costs.signUs);
    const nv: NewView = Object.freeze({ kind: 'pbft-new-view', ...body, sig: this.key.sign(this.verifier.digest(newViewTerm(body))) });
    this.lastNewView = nv;
    const size = this.newViewSize(nv);
    for (let j = 0; j < this.n; j++) if (j !== this.index) this.ctx.send(this.hosts[j]!, nv, size);
    this.adoptStableCheckpoint(V);
    this.installView(order, prePrepares);
    this.maybeFetch();
  }

  /** The new view starts from the latest stable checkpoint in V, min-s (§4.4); a replica behind it fetches the state (§4.3). */
  protected adoptStableCheckpoint(V: readonly ViewChange[]): void {
    for (const x of V) {
      if (x.stableSeq > this.stableSeq) {
        this.stableSeq = x.stableSeq;
        this.stableProof = x.checkpointProof;
      }
    }
  }

  protected newViewSize(nv: NewView): number {
    return newViewBytes(nv.viewChanges.map(viewChangeSignatures), nv.prePrepares.length);
  }

  protected onNewView(from: HostId, m: NewView): void {
    const i = this.indexOfHost.get(from);
    if (i === undefined || m.replica !== i || i !== m.view % this.n) return;
    if (m.view < this.view || (m.view === this.view && this.viewActive)) return;
    // V's VIEW-CHANGEs this replica already accepted are the ones it holds (§4.4: the NEW-VIEW names
    // them); only the others' signatures are checked here.
    const held = this.viewChanges.get(m.view);
    let sigs = 1;
    for (const x of m.viewChanges) if (held?.[x.replica] !== x) sigs += viewChangeSignatures(x);
    this.ctx.cpuParallel(sigs + m.prePrepares.length, this.costs.verifyUs);
    if (!this.verifier.verify(m.sig, from, this.verifier.digest(newViewTerm(m)))) return;
    const senders = new Set<number>();
    for (const x of m.viewChanges) {
      if (x.newView !== m.view || senders.has(x.replica) || !validViewChange(x, x.replica, this.quorums, this.verifier)) return;
      senders.add(x.replica);
    }
    if (senders.size < this.q) return;
    // Recompute O from V: a primary that orders anything else is rejected (§4.4).
    const { order } = computeNewViewOrder(m.viewChanges, from);
    if (order.length !== m.prePrepares.length) return;
    for (let k = 0; k < order.length; k++) {
      const pp = m.prePrepares[k]!;
      const o = order[k]!;
      if (pp.seq !== o.seq || pp.digest !== o.digest || pp.view !== m.view || pp.replica !== i) return;
      if (!this.verifier.verify(pp.sig, from, this.verifier.digest(prePrepareTerm(pp.view, pp.seq, pp.digest)))) return;
    }
    if (m.view > this.view) this.view = m.view;
    this.adoptStableCheckpoint(m.viewChanges);
    this.installView(order, m.prePrepares);
    this.maybeFetch();
  }

  /** Enter the new view with O in the log; backups prepare every pre-prepare in O (§4.4). */
  protected installView(order: readonly OrderedBatch[], prePrepares: readonly PrePrepare[]): void {
    this.viewActive = true;
    this.executedInView = false;
    this.cancelTimer('newView');
    for (const w of [...this.viewChanges.keys()]) if (w <= this.view) this.viewChanges.delete(w);
    const inO = new Set<number>();
    for (const o of order) inO.add(o.seq);
    // Batches proposed in earlier views that O does not carry are abandoned; their requests may return.
    for (const [seq, slot] of this.slots) {
      if (seq > this.lastExecuted && !inO.has(seq) && slot.block !== undefined && !slot.committed) {
        for (const tx of slot.block.txs) this.mempool.unpropose(tx.id);
        this.dropSlot(seq, slot);
      }
    }
    let maxS = this.stableSeq;
    for (const pp of prePrepares) {
      const slot = this.slot(pp.seq);
      slot.accept(pp);
      slot.voteSentUs = this.ctx.nowUs;
      this.txAuth.validate(pp.block.txs);
      for (const tx of pp.block.txs) if (!this.mempool.isCommitted(tx.id)) this.mempool.markProposed(tx);
      if (pp.seq > maxS) maxS = pp.seq;
      if (!this.isPrimary) {
        const prepare: Prepare = Object.freeze({ kind: 'pbft-prepare', view: this.view, seq: pp.seq, digest: pp.digest, replica: this.index, sig: this.sign(prepareTerm(this.view, pp.seq, pp.digest, this.index)) });
        slot.prepares[this.index] = prepare;
        this.multicast(prepare, this.voteBytes);
      }
    }
    this.lastPrePrepared = maxS;
    this.knownSeq = maxS;
    if (this.isPrimary) {
      this.nextSeq = Math.max(maxS, this.lastExecuted) + 1;
      this.headHash = prePrepares.length > 0 ? prePrepares[prePrepares.length - 1]!.digest : this.lastBlockHash;
    }
    this.reportViewEntered();
    this.advanceLowWater();
    this.replayDeferred();
    for (const slot of this.slots.values()) this.checkPrepared(slot);
    this.relayHeldRequests();
    this.refreshRequestTimer();
    this.maybePropose();
  }
}
