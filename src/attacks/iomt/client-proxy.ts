/**
 * Insider misuse: a proxy around a credentialed clinician's access client that makes it issue
 * extra access requests at `rate` per hour while active. Each extra request is the client's own
 * code path (AccessControl request with its real credentials, then a store read under the permit
 * if granted), so every one is decided and audited like any other; only the volume is abnormal.
 * Timer tags are multiplexed: the client's own tags are doubled; the odd tag belongs to the proxy.
 */
import { exponential, type Actor, type ActorContext, type ActorFactory, type EmitKey, type HostId, type ModelEvent, type Rng, type TimerId, type TimerTag } from '../../../sim/index.ts';
import type { AttackWindow } from '../window.ts';
import { isActive, windowEndUs } from '../window.ts';

const MISUSE_TAG = 1;
/** The access client's "act" timer tag (src/iomt/clients.ts): one tick issues one request. */
const CLIENT_ACT_TAG = 0;

export class ClientProxy implements Actor<unknown> {
  private readonly inner: Actor<unknown>;
  private readonly rng: Rng;
  private suppressTimers = false;
  /** Extra requests issued. */
  extraRequests = 0;

  constructor(readonly ctx: ActorContext<unknown>, factory: ActorFactory<unknown>, private readonly windows: readonly (AttackWindow & { readonly ratePerHour: number })[]) {
    this.rng = ctx.rng.stream('attack');
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
      // The client's own next-request timer is not kept: its honest schedule goes on unchanged.
      this.suppressTimers = true;
      this.inner.onTimer(CLIENT_ACT_TAG);
      this.suppressTimers = false;
      this.extraRequests++;
      this.ctx.setTimer(this.gapUs(w), MISUSE_TAG);
      return;
    }
  }

  /** The time to the next extra request: exponential at the window's rate. */
  private gapUs(w: { readonly ratePerHour: number }): number {
    return Math.max(1, Math.round(exponential(this.rng, 3_600_000_000 / w.ratePerHour)));
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
  get rng(): Rng { return this.owner.ctx.rng; }
  send(to: HostId, msg: unknown, sizeBytes: number): void { this.owner.ctx.send(to, msg, sizeBytes); }
  setTimer(delayUs: number, tag: TimerTag): TimerId { return this.owner.innerSetTimer(delayUs, tag); }
  cancelTimer(id: TimerId): void { if (id >= 0) this.owner.ctx.cancelTimer(id); }
  cpu(costUs: number): void { this.owner.ctx.cpu(costUs); }
  cpuParallel(jobs: number, costUsEach: number): void { this.owner.ctx.cpuParallel(jobs, costUsEach); }
  emit(event: ModelEvent): void { this.owner.ctx.emit(event); }
  emitFirst(key: EmitKey, event: ModelEvent): void { this.owner.ctx.emitFirst(key, event); }
}
