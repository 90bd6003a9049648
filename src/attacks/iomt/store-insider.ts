/**
 * Audit bypass: an insider with the record store's own access, modelled as a proxy around the
 * hospital's store on the store's host. While one of its windows is active, a read from its
 * accomplice (a requester pseudonym it knows, asking with no AccessControl request) is served
 * straight from the store without any permit (OffChainStore.serveWithoutPermit), so the access
 * never passes through the ledger and no audit entry can exist for it. Every other message goes to
 * the honest store unchanged. Each record the insider lets out is labelled in the ground truth as
 * `record` `<store host>:<serial>`, the name the served-record measure uses (src/iomt/served-reads.ts),
 * by the serial the host's tap gives it (src/iomt/served-record-tap.ts).
 */
import type { Actor, ActorContext, ActorFactory, HostId, TimerTag } from '../../../sim/index.ts';
import type { GetLatest } from '../../iomt/messages.ts';
import { nextServedSerial } from '../../iomt/served-record-tap.ts';
import { OffChainStore } from '../../iomt/store.ts';
import type { GroundTruth } from '../ground-truth.ts';
import { isActive, type AttackWindow } from '../window.ts';

/** A window in which the insider serves `accomplice`'s reads. */
export interface InsiderWindow extends AttackWindow {
  readonly accomplice: string;
}

export class StoreInsider implements Actor<unknown> {
  private readonly store: OffChainStore;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    private readonly windows: readonly InsiderWindow[],
    private readonly truth: GroundTruth,
  ) {
    const inner = factory(ctx);
    if (!(inner instanceof OffChainStore)) throw new Error('audit-bypass: the wrapped actor is not a record store');
    this.store = inner;
  }

  onStart(): void {
    this.store.onStart();
  }

  onRecover(): void {
    this.store.onRecover();
  }

  onTimer(tag: TimerTag): void {
    this.store.onTimer(tag);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as GetLatest;
    const now = this.ctx.nowUs;
    if (m.kind !== 'get' || m.request !== undefined || !this.windows.some((w) => w.accomplice === m.requester && isActive(w, now))) {
      this.store.onMessage(from, msg);
      return;
    }
    const serial = nextServedSerial(this.ctx);
    if (!this.store.serveWithoutPermit(from, m)) return;
    this.truth.label('record', `${this.ctx.self}:${serial}`, 'audit-bypass', 'bypassed-read', now);
  }
}
