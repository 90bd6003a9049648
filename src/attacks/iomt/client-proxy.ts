/**
 * Insider misuse: a proxy around a credentialed clinician's access client that makes it issue
 * extra access requests at `rate` per hour while active. Each extra request is the client's own
 * code path (AccessControl request with its real credentials, then a store read under the permit
 * if granted), so every one is decided and audited like any other; only the volume is abnormal.
 * Timer tags are multiplexed: the client's own tags are doubled; the odd tag belongs to the proxy.
 *
 * What an extra request draws (its patient, break-glass, and the next-request gap the client draws
 * and the proxy drops) comes from a stream of the proxy's own, never the client's: the clinician's
 * honest requests are then the attack-free run's, at the same times and for the same patients
 * (common random numbers, docs/architecture.md "Randomness"). The transaction an extra request
 * submits is the attack's own: the proxy emits the ground-truth label its attack makes of it
 * (`labelExtra`), as a model event, so that every observer learns it, also a split run's
 * coordinator (src/attacks/ground-truth.ts).
 */
import type { Transaction } from '../../ledger/types.ts';
import type { SubmitEvent } from '../../protocols/types.ts';
import type { TruthLabelEvent } from '../ground-truth.ts';
import { exponential, type Actor, type ActorContext, type ActorFactory, type EmitKey, type HostId, type ModelEvent, type Rng, type TimerId, type TimerTag } from '../../../sim/index.ts';
import type { AttackWindow } from '../window.ts';
import { isActive, windowEndUs } from '../window.ts';

const MISUSE_TAG = 1;
/** The access client's "act" timer tag (src/iomt/clients.ts): one tick issues one request. */
const CLIENT_ACT_TAG = 0;

export class ClientProxy implements Actor<unknown> {
  private readonly inner: Actor<unknown>;
  private readonly rng: Rng;
  /** The stream an extra request draws from, in place of the client's own. */
  private readonly extraRng: Rng;
  /** The stream the client sees: its own, except while it makes an extra request. */
  private actingRng: Rng | undefined;
  private suppressTimers = false;
  /** Extra requests issued. */
  extraRequests = 0;

  constructor(
    readonly ctx: ActorContext<unknown>,
    factory: ActorFactory<unknown>,
    private readonly windows: readonly (AttackWindow & { readonly ratePerHour: number })[],
    /** The ground-truth label of a transaction the client submitted for an extra request. */
    private readonly labelExtra: (tx: Transaction) => TruthLabelEvent,
  ) {
    this.rng = ctx.rng.stream('attack');
    this.extraRng = ctx.rng.stream('attack:request');
    this.inner = factory(new ClientProxyContext(this));
  }

  onStart(): void {
    this.inner.onStart?.();
    for (const w of this.windows) this.ctx.setTimer(Math.max(0, w.start - this.ctx.nowUs), MISUSE_TAG);
  }

  /** A crash took the proxy's timer with the client's: each window not yet over starts again (an open one after a gap, as between requests). */
  onRecover(): void {
    this.inner.onRecover?.();
    const now = this.ctx.nowUs;
    for (const w of this.windows) {
      if (windowEndUs(w) <= now) continue;
      this.ctx.setTimer(isActive(w, now) ? this.gapUs(w) : Math.max(0, w.start - now), MISUSE_TAG);
    }
  }

  onMessage(from: HostId, msg: unknown): void {
    this.inner.onMessage(from, msg);
  }

  onTimer(tag: TimerTag): void {
    if (tag !== MISUSE_TAG) return this.inner.onTimer(tag / 2);
    const now = this.ctx.nowUs;
    for (const w of this.windows) {
      if (!isActive(w, now)) continue;
      // The client's own next-request timer is not kept, and what it draws comes from the proxy's
      // stream: its honest schedule goes on unchanged.
      this.suppressTimers = true;
      this.actingRng = this.extraRng;
      try {
        this.inner.onTimer(CLIENT_ACT_TAG);
      } finally {
        this.suppressTimers = false;
        this.actingRng = undefined;
      }
      this.extraRequests++;
      this.ctx.setTimer(this.gapUs(w), MISUSE_TAG);
      return;
    }
  }

  /** The time to the next extra request: exponential at the window's rate. */
  private gapUs(w: { readonly ratePerHour: number }): number {
    return Math.max(1, Math.round(exponential(this.rng, 3_600_000_000 / w.ratePerHour)));
  }

  /** The client's model events; the label of each transaction an extra request submits follows its submission. */
  innerEmit(event: ModelEvent): void {
    this.ctx.emit(event);
    if (this.actingRng !== undefined && event.kind === 'submit') this.ctx.emit(this.labelExtra((event as SubmitEvent).tx));
  }

  /** The stream the client draws from now. */
  get innerRng(): Rng {
    return this.actingRng ?? this.ctx.rng;
  }

  innerSetTimer(delayUs: number, tag: TimerTag): TimerId {
    if (this.suppressTimers && tag === CLIENT_ACT_TAG) return -1;
    return this.ctx.setTimer(delayUs, tag * 2);
  }
}

class ClientProxyContext implements ActorContext<unknown> {
  constructor(private readonly owner: ClientProxy) {}
  get self(): HostId { return this.owner.ctx.self; }
  get nowUs(): number { return this.owner.ctx.nowUs; }
  get rng(): Rng { return this.owner.innerRng; }
  send(to: HostId, msg: unknown, sizeBytes: number): void { this.owner.ctx.send(to, msg, sizeBytes); }
  setTimer(delayUs: number, tag: TimerTag): TimerId { return this.owner.innerSetTimer(delayUs, tag); }
  cancelTimer(id: TimerId): void { if (id >= 0) this.owner.ctx.cancelTimer(id); }
  cpu(costUs: number): void { this.owner.ctx.cpu(costUs); }
  cpuParallel(jobs: number, costUsEach: number): void { this.owner.ctx.cpuParallel(jobs, costUsEach); }
  emit(event: ModelEvent): void { this.owner.innerEmit(event); }
  emitFirst(key: EmitKey, event: ModelEvent): void { this.owner.ctx.emitFirst(key, event); }
}
