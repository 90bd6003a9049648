/**
 * A revoking authority for tests (a hospital administrator, say): revokes one device in the
 * DeviceRegistry at a set time, through its hospital's node, as an ordinary ledger client. Bind
 * it first with `world.enrolDeviceAuthority(host, gateways, 'revoke')`.
 */
import type { Actor, ActorContext, HostId } from '../../../sim/index.ts';
import { nodeEndpoint, siteLink } from '../../attacks/iomt/layout.ts';
import { LedgerClient, type LedgerOwner } from '../../iomt/ledger-client.ts';
import { NodeQueries } from '../../iomt/node-link.ts';
import type { NodeAnswer } from '../../iomt/node-messages.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import type { ReplyMessage } from '../../protocols/types.ts';

const TIMER_REVOKE = 0;
const TIMER_RETRANSMIT = 1;

export interface DeviceRevokerOptions {
  readonly world: IomtWorld;
  /** Registry name of the device to revoke. */
  readonly device: string;
  readonly atUs: number;
}

export class DeviceRevoker implements Actor<unknown>, LedgerOwner {
  private readonly queries: NodeQueries;
  private readonly ledger: LedgerClient;

  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: DeviceRevokerOptions) {
    const hosp = o.world.topology.hospitals[0]!;
    this.queries = new NodeQueries(ctx, nodeEndpoint(o.world, hosp.node));
    this.ledger = new LedgerClient(ctx, o.world.ledgerEndpoint, this.queries, this);
  }

  onStart(): void {
    this.ctx.setTimer(this.o.atUs, TIMER_REVOKE);
    this.ctx.setTimer(this.o.world.config.retransmitUs, TIMER_RETRANSMIT);
  }

  onTimer(tag: number): void {
    if (tag === TIMER_REVOKE) {
      this.ledger.submit({ contract: 'DeviceRegistry', method: 'revoke', args: { device: this.o.device, status: 'revoked' } }, 0, { q: 'height' });
      return;
    }
    this.ledger.retransmit();
    this.ctx.setTimer(this.o.world.config.retransmitUs, TIMER_RETRANSMIT);
  }

  onMessage(from: HostId, msg: unknown): void {
    const m = msg as ReplyMessage | NodeAnswer;
    if (m.kind === 'reply') this.ledger.onReply(from, m);
    else if (m.kind === 'node-answer' && !this.ledger.onNodeAnswer(m)) this.queries.answered(m);
  }

  onLedgerOutcome(): void {}
}

/** Bind a revoker of `device` (its registry name) at `atUs` with authority over every gateway of the first hospital, and add its host; returns the host. */
export function addDeviceRevoker(world: IomtWorld, device: string, atUs: number): HostId {
  const hosp = world.topology.hospitals[0]!;
  const host = world.engine.hostCount;
  world.enrolDeviceAuthority(host, hosp.gateways, 'revoke');
  const placed = world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => new DeviceRevoker(ctx, { world, device, atUs }), 'test:device-revoker');
  if (placed !== host) throw new Error(`device revoker placed at host ${placed}, expected ${host}`);
  return host;
}
