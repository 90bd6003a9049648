/**
 * The accomplice of an insider at a record store (audit bypass): at `ratePerSec` while its window is
 * active it asks the store for the latest record of a random device of the hospital under its own
 * pseudonym, with no AccessControl request. An honest store refuses such a read; the insider
 * (store-insider.ts) serves it. The accomplice counts what it asked and what it received.
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import type { GetLatest, GetReply } from '../../iomt/messages.ts';
import { isActive, type AttackWindow } from '../window.ts';

export interface AccompliceOptions extends AttackWindow {
  readonly store: HostId;
  /** Devices whose records the store holds (the hospital's), by device number. */
  readonly devices: readonly number[];
  readonly ratePerSec: number;
  /** The pseudonym the insider knows its accomplice by. */
  readonly requester: string;
}

const GET_BYTES = 48;

export class Accomplice implements Actor<unknown> {
  private token = 0;
  requests = 0;
  recordsReceived = 0;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: AccompliceOptions) {}

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), 0);
  }

  onTimer(_tag: TimerTag): void {
    if (!isActive(this.o, this.ctx.nowUs) || this.o.devices.length === 0) return;
    const device = this.o.devices[this.ctx.rng.int(this.o.devices.length)]!;
    this.ctx.send(this.o.store, { kind: 'get', device, token: this.token++, requester: this.o.requester } satisfies GetLatest, GET_BYTES);
    this.requests++;
    this.ctx.setTimer(Math.max(1, Math.round(1e6 / this.o.ratePerSec)), 0);
  }

  onMessage(_from: HostId, msg: unknown): void {
    const m = msg as GetReply;
    if (m.kind === 'get-reply' && m.found !== undefined) this.recordsReceived++;
  }
}
