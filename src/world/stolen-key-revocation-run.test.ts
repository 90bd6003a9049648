/**
 * The security service is credited with a revocation only where the DeviceRegistry accepted it: in
 * scenarios/attacks/stolen-key.yaml with device 0 already revoked by another authority before the
 * theft, the service's own revocation on the alarm commits but is refused ('device-revoked'), so
 * it revoked nothing: no stolen-key device revoked, no time to revoke, no honest device revoked,
 * and no spoofed reading judged against a revocation of the service's.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, HostId, ModelEvent } from '../../sim/index.ts';
import { gatewayHosts, nodeEndpoint, siteLink } from '../attacks/iomt/layout.ts';
import type { ContractOutcome } from '../contracts/index.ts';
import { LedgerClient, type LedgerOwner } from '../iomt/ledger-client.ts';
import { NodeQueries } from '../iomt/node-link.ts';
import type { NodeAnswer } from '../iomt/node-messages.ts';
import type { IomtWorld } from '../iomt/world.ts';
import type { ReplyMessage } from '../protocols/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

const stolenKeyFile = fileURLToPath(new URL('../../scenarios/attacks/stolen-key.yaml', import.meta.url));

const TIMER_REVOKE = 0;
const TIMER_RETRANSMIT = 1;

/** Another revoking authority (a hospital administrator, say): revokes device `device` at `atUs`. */
class EarlyRevoker implements Actor<unknown>, LedgerOwner {
  private readonly queries: NodeQueries;
  private readonly ledger: LedgerClient;
  constructor(private readonly ctx: ActorContext<unknown>, private readonly o: { readonly world: IomtWorld; readonly device: string; readonly atUs: number }) {
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

describe('stolen-key security service', () => {
  it('is not credited with the revocation of a device already revoked when it acts', () => {
    const { scenario } = loadScenario(stolenKeyFile, []);
    // Device revocations that took effect, and those refused, by device name and sender.
    const revoked: string[] = [];
    const refused: string[] = [];
    let serviceHost = -1;
    let revokerHost = -1;
    let device = '';
    const m = runIomtWorld(scenario, scenario.seed, {
      setup: (world) => {
        // The security service is the last host the attack added.
        serviceHost = world.engine.hostCount - 1;
        revokerHost = world.engine.hostCount;
        world.enrolDeviceAuthority(revokerHost, gatewayHosts(world), 'revoke');
        device = world.deviceNames[0]!;
        const placed = world.engine.addHost(siteLink(world, world.topology.hospitals[0]!.region), (ctx: ActorContext<unknown>) => new EarlyRevoker(ctx, { world, device, atUs: 30_000_000 }), 'test:early-revoker');
        expect(placed).toBe(revokerHost);
      },
      observers: [(_h, e: ModelEvent) => {
        if (e.kind !== 'iomt-contract-outcome') return;
        const o = (e as ModelEvent & { outcome: ContractOutcome }).outcome;
        if (o.tx.call?.contract !== 'DeviceRegistry' || o.tx.call.method !== 'revoke') return;
        const who = o.tx.sender === serviceHost ? 'service' : o.tx.sender === revokerHost ? 'revoker' : `host ${o.tx.sender}`;
        const what = `${String(o.tx.call.args['device'])} by ${who}`;
        if (o.kind === 'rejected') refused.push(`${what}: ${o.reason}`);
        else revoked.push(what);
      }],
    }).metrics;
    // The premise: the revoker's revocation took effect, the service's came after it and was refused.
    expect(revoked).toContain(`${device} by revoker`);
    expect(refused).toContain(`${device} by service: device-revoked`);
    expect(m['attack.stolen_key_devices_revoked']!.value).toBe(0);
    expect(m['attack.honest_devices_revoked']!.value).toBe(0);
    expect(m['attack.time_to_revoke_ms']).toBeUndefined();
    expect(m['attack.spoofed_accepted_after_revocation']!.value).toBe(0);
    expect(m['attack.spoofed_rejected_after_revocation']!.value).toBe(0);
  });
});
