/**
 * The hospital's security service, the framework's response to a detector alarm: gateways forward
 * their device alarms to it (src/attacks/iomt/gateway-tap.ts), and it submits a DeviceRegistry
 * revocation for the alarmed device as an ordinary transaction. Once the revocation commits, every
 * gateway's registration check refuses the device's key. It acts on every alarm, so a false alarm
 * revokes an honest device: that cost is counted, not hidden.
 */
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import type { ReplyMessage } from '../../protocols/types.ts';
import { LedgerClient, type LedgerEndpoint } from '../../iomt/ledger-client.ts';

/** Gateway → security service: a device-scope detector went into alarm. */
export interface SecurityAlarm {
  readonly kind: 'security-alarm';
  readonly device: number;
  readonly detector: string;
  readonly raisedUs: number;
}

export const SECURITY_ALARM_BYTES = 64;

export interface SecurityServiceOptions {
  readonly ledger: LedgerEndpoint;
  /** Height the service's own node has executed. */
  readonly nodeHeight: () => number;
  /** Registry name of each device. */
  readonly deviceNames: readonly string[];
}

const TIMER_RETRANSMIT = 0;
const TIMER_POLL = 1;

export class SecurityService implements Actor<unknown> {
  private readonly ledger: LedgerClient;
  /** First alarm (raised at the gateway) per device that the service acted on. */
  readonly alarmUs = new Map<number, number>();
  /** When each revocation was confirmed committed (f + 1 matching replies). */
  readonly revokedUs = new Map<number, number>();

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: SecurityServiceOptions) {
    this.ledger = new LedgerClient(ctx, o.ledger, (device) => this.revokedUs.set(device, ctx.nowUs), o.nodeHeight, TIMER_POLL);
  }

  onStart(): void {
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onTimer(tag: number): void {
    if (tag === TIMER_POLL) return this.ledger.poll();
    this.ledger.retransmit();
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage | SecurityAlarm;
    if (m.kind === 'reply') {
      this.ledger.onReply(from, m);
      return;
    }
    if (m.kind !== 'security-alarm' || this.alarmUs.has(m.device)) return;
    const name = this.o.deviceNames[m.device];
    if (name === undefined) return;
    this.alarmUs.set(m.device, m.raisedUs);
    this.ledger.submit({ contract: 'DeviceRegistry', method: 'revoke', args: { device: name, status: 'revoked' } }, m.device);
  }
}
