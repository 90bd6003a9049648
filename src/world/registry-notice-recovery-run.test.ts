/**
 * A gateway learns a device's revocation from its node's registry notice; when that notice is
 * lost and no registry change follows it, no later notice shows the gap. The node's heartbeat
 * (src/iomt/node-messages.ts) numbers the lost notice, so the gateway subscribes again and the
 * replay brings the revocation: it refuses the device's readings within one heartbeat period.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, ActorContext, ActorFactory, ModelEvent } from '../../sim/index.ts';
import type { ContractOutcome } from '../contracts/index.ts';
import type { IomtEvent } from '../iomt/events.ts';
import type { NodeNotice } from '../iomt/node-messages.ts';
import { devicesOfEachKind } from '../iomt/profiles.ts';
import { smallWorldConfig } from '../iomt/testing/small-world.ts';
import { topologyOf } from '../iomt/topology.ts';
import { IomtWorld } from '../iomt/world.ts';
import { pbft } from '../protocols/pbft/index.ts';
import { addDeviceRevoker } from './testing/device-revoker.ts';

const HEARTBEAT_US = 1_000_000;
const REVOKE_AT_US = 10_000_000;

/** Hands `factory`'s actor every message but the first registry notice that revokes a device (a notice, not a subscription's acknowledgement). */
function losingRevocationNotice(factory: ActorFactory<unknown>, lost: NodeNotice[]): ActorFactory<unknown> {
  return (ctx: ActorContext<unknown>): Actor<unknown> => {
    const inner = factory(ctx);
    return {
      onStart: () => inner.onStart?.(),
      onRecover: () => inner.onRecover?.(),
      onTimer: (tag) => inner.onTimer(tag),
      onMessage: (from, msg) => {
        const n = msg as NodeNotice;
        if (lost.length === 0 && n.kind === 'node-notice' && n.topic === 'registry' && n.seq > 0 && n.items.some((i) => !i.active)) return void lost.push(n);
        inner.onMessage(from, msg);
      },
    };
  };
}

describe('a lost registry notice', () => {
  it("is recovered within a heartbeat period: the gateway refuses the revoked device's readings", () => {
    // Pulse oximeters only: every device reports each second.
    const config = smallWorldConfig(pbft, { durationUs: 30_000_000, devicesPerBed: { ...devicesOfEachKind(0), pulseOximeter: 1 }, noticeHeartbeatUs: HEARTBEAT_US });
    const lost: NodeNotice[] = [];
    const gateway = topologyOf(config).devices[0]!.gateway;
    const world = new IomtWorld(config, { wrapActor: (role, id, factory) => (role === 'gateway' && id === gateway ? losingRevocationNotice(factory, lost) : factory) });
    const device = world.deviceNames[0]!;
    addDeviceRevoker(world, device, REVOKE_AT_US);
    let committedUs = NaN;
    let refusedUs = NaN;
    world.engine.observe((_h, e: ModelEvent, timeUs) => {
      if (e.kind === 'iomt-contract-outcome') {
        const o = (e as Extract<IomtEvent, { kind: 'iomt-contract-outcome' }>).outcome as ContractOutcome;
        if (o.kind === 'device' && o.method === 'revoke' && o.device === device) committedUs = timeUs;
      } else if (e.kind === 'iomt-reading-rejected') {
        const r = e as Extract<IomtEvent, { kind: 'iomt-reading-rejected' }>;
        if (r.device === 0 && r.reason === 'unregistered' && Number.isNaN(refusedUs)) refusedUs = timeUs;
      }
    });
    world.run();
    // The premise: the revocation committed and the gateway lost its notice, the last of the run.
    expect(committedUs).toBeGreaterThanOrEqual(REVOKE_AT_US);
    expect(lost).toHaveLength(1);
    // Within the period, a round trip and the resubscription's replay, plus the device's next reading (1 s).
    expect(refusedUs - committedUs).toBeLessThan(HEARTBEAT_US + 1_000_000 + 100_000);
  });
});
