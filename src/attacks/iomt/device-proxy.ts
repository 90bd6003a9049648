/**
 * A proxy around a device actor (a radio-level adversary or compromised firmware). It knows no
 * attack by name: each device attack aimed at the device hands it a behaviour, and the proxy offers
 * the levers they pull: replace a reading in transit, act after a reading was sent (keep a copy),
 * make the firmware take an extra sample now, and timers of its own.
 * Timer tags are multiplexed: the device's own tags are doubled; odd tag 2j+1 belongs to behaviour j.
 */
import type { Actor, ActorContext, ActorFactory, EmitKey, HostId, ModelEvent, Rng, TimerId, TimerTag } from '../../../sim/index.ts';
import type { ReadingMessage } from '../../iomt/reading.ts';
import type { MessageLabels } from './labels.ts';

/** What a device behaviour may do through the proxy. */
export interface DeviceProxyControl {
  readonly ctx: ActorContext<unknown>;
  /** The proxy's own random stream (the device's stays untouched). */
  readonly rng: Rng;
  readonly labels: MessageLabels;
  /** A timer of this behaviour: its `onTimer` runs after `delayUs`. */
  setTimer(delayUs: number): void;
  /** Send a message of the behaviour's own (a copy it kept), counted as sent if it is labelled. */
  send(to: HostId, msg: ReadingMessage, sizeBytes: number): void;
  /** Make the firmware sample, sign and send one extra reading now; timers it sets meanwhile are not kept. */
  sampleNow(): void;
}

export interface DeviceBehaviour {
  onStart?(proxy: DeviceProxyControl): void;
  onTimer?(proxy: DeviceProxyControl): void;
  /** A reading the device sends: a replacement to send instead, or undefined. Every behaviour sees the original. */
  alter?(reading: ReadingMessage, proxy: DeviceProxyControl): ReadingMessage | undefined;
  /** After a reading was sent: true when this behaviour acted on it (later ones are not asked). */
  afterSend?(reading: ReadingMessage, to: HostId, sizeBytes: number, proxy: DeviceProxyControl): boolean;
}

export class DeviceProxy implements Actor<unknown> {
  private readonly inner: Actor<unknown>;
  private readonly controls: DeviceProxyControl[];
  private suppressTimers = false;

  constructor(readonly ctx: ActorContext<unknown>, factory: ActorFactory<unknown>, private readonly behaviours: readonly DeviceBehaviour[], private readonly labels: MessageLabels) {
    const rng = ctx.rng.stream('attack');
    this.controls = behaviours.map((_, j) => ({
      ctx,
      rng,
      labels,
      setTimer: (delayUs: number) => { ctx.setTimer(delayUs, 2 * j + 1); },
      send: (to: HostId, msg: ReadingMessage, sizeBytes: number) => this.send(to, msg, sizeBytes),
      sampleNow: () => this.sampleNow(),
    }));
    this.inner = factory(new DeviceProxyContext(this));
  }

  onStart(): void {
    this.inner.onStart?.();
    this.behaviours.forEach((b, j) => b.onStart?.(this.controls[j]!));
  }

  onMessage(from: HostId, msg: unknown): void {
    this.inner.onMessage(from, msg);
  }

  onRecover(): void {
    this.inner.onRecover?.();
  }

  onTimer(tag: TimerTag): void {
    if (tag % 2 === 1) {
      const j = (tag - 1) / 2;
      this.behaviours[j]?.onTimer?.(this.controls[j]!);
      return;
    }
    this.inner.onTimer(tag / 2);
  }

  outgoing(to: HostId, msg: unknown, sizeBytes: number): void {
    const m = msg as ReadingMessage;
    if (m.kind !== 'reading') return this.ctx.send(to, msg, sizeBytes);
    let out: ReadingMessage | undefined;
    this.behaviours.forEach((b, j) => {
      const replacement = b.alter?.(m, this.controls[j]!);
      out ??= replacement;
    });
    this.send(to, out ?? m, sizeBytes);
    for (let j = 0; j < this.behaviours.length; j++) if (this.behaviours[j]!.afterSend?.(m, to, sizeBytes, this.controls[j]!) === true) return;
  }

  /** Every reading the proxy lets out goes through here, so a labelled one is counted where it is sent. */
  private send(to: HostId, m: ReadingMessage, sizeBytes: number): void {
    this.ctx.send(to, m, sizeBytes);
    this.labels.sent(m);
  }

  innerSetTimer(delayUs: number, tag: TimerTag): TimerId {
    // Timers the firmware sets while the proxy drives an extra reading are not kept: the device's
    // own schedule goes on unchanged, and extra readings do not multiply it.
    if (this.suppressTimers) return -1;
    return this.ctx.setTimer(delayUs, tag * 2);
  }

  private sampleNow(): void {
    this.suppressTimers = true;
    this.inner.onTimer(0);
    this.suppressTimers = false;
  }
}

class DeviceProxyContext implements ActorContext<unknown> {
  constructor(private readonly owner: DeviceProxy) {}
  get self(): HostId { return this.owner.ctx.self; }
  get nowUs(): number { return this.owner.ctx.nowUs; }
  get rng(): Rng { return this.owner.ctx.rng; }
  send(to: HostId, msg: unknown, sizeBytes: number): void { this.owner.outgoing(to, msg, sizeBytes); }
  setTimer(delayUs: number, tag: TimerTag): TimerId { return this.owner.innerSetTimer(delayUs, tag); }
  cancelTimer(id: TimerId): void { if (id >= 0) this.owner.ctx.cancelTimer(id); }
  cpu(costUs: number): void { this.owner.ctx.cpu(costUs); }
  cpuParallel(jobs: number, costUsEach: number): void { this.owner.ctx.cpuParallel(jobs, costUsEach); }
  emit(event: ModelEvent): void { this.owner.ctx.emit(event); }
  emitFirst(key: EmitKey, event: ModelEvent): void { this.owner.ctx.emitFirst(key, event); }
}
