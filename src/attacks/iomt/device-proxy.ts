/**
 * A proxy around a device actor (a radio-level adversary or compromised firmware), configured by the
 * device attacks aimed at it:
 * - tamper: a man in the middle replaces readings in transit with altered copies (the signature is
 *   left as it was, as an attacker without the key must);
 * - replay: every reading is captured and sent again after a delay, byte for byte;
 * - flood: the firmware is made to sample, sign and send extra readings at a rate, with the
 *   device's own valid key (a compromised device, a bot).
 * Timer tags are multiplexed: the device's own tags are doubled; odd tags belong to the proxy.
 */
import type { Actor, ActorContext, ActorFactory, HostId, ModelEvent, Rng, TimerId, TimerTag } from '../../../sim/index.ts';
import type { ReadingMessage } from '../../iomt/reading.ts';
import type { AttackWindow } from '../window.ts';
import { isActive } from '../window.ts';
import type { MessageLabels } from './labels.ts';

export interface DeviceModes {
  readonly tamper: Array<AttackWindow & { readonly probability: number }>;
  readonly replay: Array<AttackWindow & { readonly delayUs: number }>;
  readonly flood: Array<AttackWindow & { readonly ratePerSec: number }>;
}

const FLOOD_TAG = 1;
const REPLAY_TAG = 3;
/** How far a tampered value is moved: far enough to matter clinically (e.g. SpO₂ 97 → 72). */
const TAMPER_OFFSET = -25;

export class DeviceProxy implements Actor<unknown> {
  private readonly inner: Actor<unknown>;
  private readonly rng: Rng;
  private suppressTimers = false;
  private flooding = false;
  private replayAtUs: number[] = [];
  private replayTo: HostId[] = [];
  private replayMsg: ReadingMessage[] = [];
  private replaySize: number[] = [];
  private replayHead = 0;

  constructor(readonly ctx: ActorContext<unknown>, factory: ActorFactory<unknown>, private readonly modes: DeviceModes, private readonly labels: MessageLabels) {
    this.rng = ctx.rng.stream('attack');
    this.inner = factory(new DeviceProxyContext(this));
  }

  onStart(): void {
    this.inner.onStart?.();
    for (const f of this.modes.flood) {
      this.ctx.setTimer(Math.max(0, f.start - this.ctx.nowUs), FLOOD_TAG);
    }
  }

  onMessage(from: HostId, msg: unknown): void {
    this.inner.onMessage(from, msg);
  }

  onRecover(): void {
    this.inner.onRecover?.();
  }

  onTimer(tag: TimerTag): void {
    if (tag === FLOOD_TAG) return this.floodTick();
    if (tag === REPLAY_TAG) return this.releaseReplays();
    this.inner.onTimer(tag / 2);
  }

  outgoing(to: HostId, msg: unknown, sizeBytes: number): void {
    const now = this.ctx.nowUs;
    const m = msg as ReadingMessage;
    if (m.kind !== 'reading') return this.ctx.send(to, msg, sizeBytes);
    if (this.flooding) this.labels.mark(m, 'flood');
    let out: ReadingMessage = m;
    for (const t of this.modes.tamper) {
      if (isActive(t, now) && this.rng.float() < t.probability) {
        out = { ...m, value: m.value + TAMPER_OFFSET };
        this.labels.mark(out, 'tampered');
        break;
      }
    }
    this.ctx.send(to, out, sizeBytes);
    for (const r of this.modes.replay) {
      if (!isActive(r, now)) continue;
      const copy: ReadingMessage = { ...m };
      this.labels.mark(copy, 'replayed');
      this.replayAtUs.push(now + r.delayUs);
      this.replayTo.push(to);
      this.replayMsg.push(copy);
      this.replaySize.push(sizeBytes);
      this.ctx.setTimer(r.delayUs, REPLAY_TAG);
      break;
    }
  }

  innerSetTimer(delayUs: number, tag: TimerTag): TimerId {
    // Timers the firmware sets while the proxy drives an extra reading are not kept: the device's
    // own schedule goes on unchanged, and flooding does not multiply it.
    if (this.suppressTimers) return -1;
    return this.ctx.setTimer(delayUs, tag * 2);
  }

  private floodTick(): void {
    const now = this.ctx.nowUs;
    let next = Infinity;
    for (const f of this.modes.flood) {
      if (!isActive(f, now)) continue;
      this.suppressTimers = true;
      this.flooding = true;
      this.inner.onTimer(0);
      this.flooding = false;
      this.suppressTimers = false;
      next = Math.min(next, 1e6 / f.ratePerSec);
    }
    if (next !== Infinity) this.ctx.setTimer(next, FLOOD_TAG);
  }

  private releaseReplays(): void {
    const now = this.ctx.nowUs;
    while (this.replayHead < this.replayAtUs.length && this.replayAtUs[this.replayHead]! <= now) {
      const i = this.replayHead++;
      this.ctx.send(this.replayTo[i]!, this.replayMsg[i]!, this.replaySize[i]!);
    }
    if (this.replayHead === this.replayAtUs.length) {
      this.replayAtUs = [];
      this.replayTo = [];
      this.replayMsg = [];
      this.replaySize = [];
      this.replayHead = 0;
    }
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
  emit(event: ModelEvent): void { this.owner.ctx.emit(event); }
}
