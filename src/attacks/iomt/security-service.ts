/**
 * The hospital's security service, the framework's response to a detector alarm: gateways forward
 * their device alarms to it (src/attacks/iomt/gateway-tap.ts), and it submits a DeviceRegistry
 * revocation for the alarmed device as an ordinary transaction. Once the revocation commits, every
 * gateway's registration check refuses the device's key. It acts on every alarm, so a false alarm
 * revokes an honest device: that cost is counted, not hidden.
 */
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import type { ReplyMessage } from '../../protocols/types.ts';
import { LedgerClient, type LedgerEndpoint, type LedgerOwner } from '../../iomt/ledger-client.ts';
import { NodeQueries, type NodeEndpoint } from '../../iomt/node-link.ts';
import type { NodeAnswer, NodeAnswerBody } from '../../iomt/node-messages.ts';
import type { Transaction } from '../../ledger/index.ts';

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
  /** The service's own node: a revocation counts once that node has executed it. */
  readonly node: NodeEndpoint;
  /** Registry name of each device. */
  readonly deviceNames: readonly string[];
}

const TIMER_RETRANSMIT = 0;

export class SecurityService implements Actor<unknown>, LedgerOwner {
  private readonly queries: NodeQueries;
  private readonly ledger: LedgerClient;
  /** First alarm (raised at the gateway) per device that the service acted on. */
  readonly alarmUs = new Map<number, number>();
  /**
   * When each revocation the DeviceRegistry accepted was confirmed committed (f + 1 matching
   * replies) and executed by the service's node. A revocation the registry refused (the device was
   * already revoked, by its hospital's administration say) revoked nothing and is not here.
   */
  readonly revokedUs = new Map<number, number>();

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: SecurityServiceOptions) {
    this.queries = new NodeQueries(ctx, o.node);
    this.ledger = new LedgerClient(ctx, o.ledger, this.queries, this);
  }

  /** The revocation of `device` is confirmed and the node answered whether it was the one that took effect. */
  onLedgerOutcome(device: number, _tx: Transaction, _height: number, answer: NodeAnswerBody | undefined): void {
    if (answer?.q === 'revoked-by' && answer.revokedBy) this.revokedUs.set(device, this.ctx.nowUs);
  }

  onStart(): void {
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onTimer(_tag: number): void {
    this.ledger.retransmit();
    this.ctx.setTimer(this.o.ledger.retransmitUs, TIMER_RETRANSMIT);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage | NodeAnswer | SecurityAlarm;
    if (m.kind === 'reply') {
      this.ledger.onReply(from, m);
      return;
    }
    if (m.kind === 'node-answer') {
      if (!this.ledger.onNodeAnswer(m)) this.queries.answered(m);
      return;
    }
    if (m.kind !== 'security-alarm' || this.alarmUs.has(m.device)) return;
    const name = this.o.deviceNames[m.device];
    if (name === undefined) return;
    this.alarmUs.set(m.device, m.raisedUs);
    // The node is asked whether this transaction's revocation took effect, not only that it
    // committed: a committed transaction may still be refused by the contract.
    this.ledger.submit({ contract: 'DeviceRegistry', method: 'revoke', args: { device: name, status: 'revoked' } }, m.device, (tx) => ({ q: 'revoked-by', device: name, tx: tx.id }));
  }
}
