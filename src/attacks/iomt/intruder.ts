/**
 * Consent bypass by direct read: an intruder on the hospital network asks the off-chain record store
 * for the latest record of random devices without ever asking AccessControl, so no consent, expired
 * or revoked, is ever checked. Every record it receives is an unauthorized read (ground truth: it
 * holds no permit at all); the store should refuse each read (src/iomt/store.ts checks a permit).
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import type { GetLatest, GetReply } from '../../iomt/messages.ts';
import type { AttackWindow } from '../window.ts';
import { isActive } from '../window.ts';

export interface IntruderOptions extends AttackWindow {
  readonly store: HostId;
  readonly deviceCount: number;
  readonly ratePerSec: number;
}

const GET_BYTES = 48;

export class DirectReadIntruder implements Actor<unknown> {
  private token = 0;
  requests = 0;
  recordsRead = 0;
  /** Reads the store refused for want of a permit. */
  readsDenied = 0;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: IntruderOptions) {}

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), 0);
  }

  onTimer(_tag: TimerTag): void {
    if (!isActive(this.o, this.ctx.nowUs)) return;
    const get: GetLatest = { kind: 'get', device: this.ctx.rng.int(this.o.deviceCount), token: this.token++ };
    this.requests++;
    this.ctx.send(this.o.store, get, GET_BYTES);
    this.ctx.setTimer(1e6 / this.o.ratePerSec, 0);
  }

  onMessage(_from: HostId, msg: unknown): void {
    const m = msg as GetReply;
    if (m.kind !== 'get-reply') return;
    if (m.found !== undefined) this.recordsRead++;
    if (m.denied === true) this.readsDenied++;
  }
}
