/**
 * A reader that asks a hospital's off-chain record store directly for the latest record of random
 * devices, never through AccessControl, so no consent is checked and no audit entry can exist.
 * Two attacks use it: an intruder on the hospital network (consent bypass; the store must refuse
 * every read, src/iomt/store.ts checks a permit) and the accomplice of an insider at the store
 * (audit bypass), who names itself so the insider (store-insider.ts) serves it.
 */
import type { Actor, ActorContext, HostId, TimerTag } from '../../../sim/index.ts';
import type { GetLatest, GetReply } from '../../iomt/messages.ts';
import { isActive, type AttackWindow } from '../window.ts';

export interface DirectReaderOptions extends AttackWindow {
  readonly store: HostId;
  /** Devices whose latest records it asks for, by device number. */
  readonly devices: readonly number[];
  readonly ratePerSec: number;
  /** The pseudonym it gives the store, if any (an accomplice's; an intruder gives none). */
  readonly requester?: string;
}

const GET_BYTES = 48;

export class DirectStoreReader implements Actor<unknown> {
  private token = 0;
  requests = 0;
  recordsRead = 0;
  /** Reads the store refused for want of a permit. */
  readsDenied = 0;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: DirectReaderOptions) {}

  onStart(): void {
    this.ctx.setTimer(Math.max(0, this.o.start - this.ctx.nowUs), 0);
  }

  onTimer(_tag: TimerTag): void {
    const devices = this.o.devices;
    if (!isActive(this.o, this.ctx.nowUs) || devices.length === 0) return;
    const device = devices[this.ctx.rng.int(devices.length)]!;
    const requester = this.o.requester;
    const get: GetLatest = requester === undefined ? { kind: 'get', device, token: this.token++ } : { kind: 'get', device, token: this.token++, requester };
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
