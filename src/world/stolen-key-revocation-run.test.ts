/**
 * The security service is credited with a revocation only where the DeviceRegistry accepted it: in
 * scenarios/attacks/stolen-key.yaml with device 0 already revoked by another authority before the
 * theft, the service's own revocation on the alarm commits but is refused ('device-revoked'), so
 * it revoked nothing: no stolen-key device revoked, no time to revoke, no honest device revoked,
 * and no spoofed reading judged against a revocation of the service's.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../sim/index.ts';
import type { ContractOutcome } from '../contracts/index.ts';
import { loadScenario } from '../scenario/index.ts';
import { addDeviceRevoker } from './testing/device-revoker.ts';
import { runIomtWorld } from './testing/run.ts';

const stolenKeyFile = fileURLToPath(new URL('../../scenarios/attacks/stolen-key.yaml', import.meta.url));

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
        device = world.deviceNames[0]!;
        revokerHost = addDeviceRevoker(world, device, 30_000_000);
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
