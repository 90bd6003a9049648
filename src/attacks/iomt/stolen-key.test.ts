/**
 * The stolen-key outcomes judged from hand-built shares of a split run: the spoofed readings each
 * thread's gateways processed, and the security service's alarms and revocations.
 */
import { describe, expect, it } from 'vitest';
import type { IomtWorld } from '../../iomt/world.ts';
import type { Metrics } from '../../metrics/types.ts';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';
import { stolenKey } from './stolen-key.ts';

const S = 1_000_000;

/**
 * A thread's share: spoofed readings processed as [time, device, outcome] (outcome 1 accepted, 0
 * refused for the device's key, 2 refused by another check), and where the security service ran,
 * its revocations and first alarms.
 */
interface Share {
  readonly processed: readonly number[];
  readonly revoked?: readonly (readonly [number, number])[];
  readonly alarms?: readonly (readonly [number, number])[];
}

/** The outcomes of stolen-key attacks on `victims`, from the partitions' `shares` (this engine ran none of the hosts). */
function outcomes(victims: readonly number[], shares: readonly Share[], theftFromUs = 0, theftToUs = Infinity): Metrics {
  const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
  const specs = victims.map((device, index) => ({ spec: attackSpecSchema(stolenKey).parse({ type: 'stolen-key', device }), index }));
  const run = stolenKey.device!.plan(specs, env);
  // The labels installAll gives each stolen-key device.
  for (const device of victims) env.truth.label('device', device, 'stolen-key', 'compromised-device', theftFromUs, theftToUs);
  return run.outcomes!(shares);
}

const value = (m: Metrics, name: string) => m[name]?.value;

describe('stolen-key outcomes', () => {
  it('counts a revocation on an alarm raised before the theft as an honest device revoked, not as the response to it', () => {
    // The key is stolen at 150 s; a false alarm at 50 s had the device revoked at 51 s.
    const m = outcomes([0], [{ processed: [160 * S, 0, 0], revoked: [[0, 51 * S]], alarms: [[0, 50 * S]] }], 150 * S);
    expect(value(m, 'attack.stolen_key_devices_revoked')).toBe(0);
    expect(value(m, 'attack.honest_devices_revoked')).toBe(1);
    expect(m['attack.time_to_revoke_ms']).toBeUndefined();
    // The same revocation on an alarm after the theft answers it.
    const answered = outcomes([0], [{ processed: [160 * S, 0, 0], revoked: [[0, 156 * S]], alarms: [[0, 155 * S]] }], 150 * S);
    expect(value(answered, 'attack.stolen_key_devices_revoked')).toBe(1);
    expect(value(answered, 'attack.time_to_revoke_ms')).toBe(1_000);
  });

  it("counts a revocation on an alarm raised at the end of the theft (the key back in its owner's hands) as an honest device revoked", () => {
    // The key is stolen from 100 s to 150 s; the alarm at 150 s came once the theft was over.
    const m = outcomes([0], [{ processed: [], revoked: [[0, 151 * S]], alarms: [[0, 150 * S]] }], 100 * S, 150 * S);
    expect(value(m, 'attack.stolen_key_devices_revoked')).toBe(0);
    expect(value(m, 'attack.honest_devices_revoked')).toBe(1);
    const during = outcomes([0], [{ processed: [], revoked: [[0, 151 * S]], alarms: [[0, 150 * S - 1]] }], 100 * S, 150 * S);
    expect(value(during, 'attack.stolen_key_devices_revoked')).toBe(1);
  });

  it("labels the device stolen only within the attack's window: a revocation on an alarm after its end revoked an honest device", () => {
    const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
    const spec = attackSpecSchema(stolenKey).parse({ type: 'stolen-key', device: 0, start: '60s', end: '120s', respond: false });
    const run = stolenKey.device!.plan([{ spec, index: 0 }], env);
    // Just enough of a world to place the attacker beside device 0's gateway (host 4).
    const world = {
      topology: { devices: [{ gateway: 4, kind: 'pulseOximeter' }], hospitals: [{ gateways: [4], radioRegion: 0 }] },
      config: { profiles: { pulseOximeter: { payloadBytes: 16 } }, links: { deviceUploadBps: 250_000 } },
      engine: { addHost: () => 30 },
      deviceKeys: [{}],
      placeBeside: () => {},
      addReadingSource: () => {},
    } as unknown as IomtWorld;
    run.installAll!(world);
    // A security service elsewhere revoked the device on an alarm at 130 s, after the theft ended.
    const m = run.outcomes!([{ processed: [], revoked: [[0, 131 * S]], alarms: [[0, 130 * S]] }]);
    expect(value(m, 'attack.stolen_key_devices_revoked')).toBe(0);
    expect(value(m, 'attack.honest_devices_revoked')).toBe(1);
  });

  it('counts a spoofed reading accepted before its device was revoked as before, one processed at or after the revocation as after', () => {
    const m = outcomes([3], [
      { processed: [10 * S, 3, 1, 20 * S, 3, 1, 25 * S, 3, 0], revoked: [[3, 20 * S]], alarms: [[3, 15 * S]] },
      // Another thread's gateway: device 5 is never revoked, so its reading counts as before.
      { processed: [20 * S - 1, 3, 1, 30 * S, 5, 1] },
    ]);
    expect(value(m, 'attack.spoofed_accepted_before_revocation')).toBe(3);
    expect(value(m, 'attack.spoofed_accepted_after_revocation')).toBe(1);
    expect(value(m, 'attack.spoofed_rejected_after_revocation')).toBe(1);
  });

  it('counts as refused after the revocation only readings refused for the revoked key, not those the rate limit refused', () => {
    const m = outcomes([3], [{ processed: [25 * S, 3, 0, 26 * S, 3, 2, 27 * S, 3, 2], revoked: [[3, 20 * S]], alarms: [[3, 15 * S]] }]);
    expect(value(m, 'attack.spoofed_rejected_after_revocation')).toBe(1);
  });

  it('averages the time from first alarm to revocation over the stolen-key devices only', () => {
    const m = outcomes([3, 4], [{ processed: [], revoked: [[3, 11 * S], [7, 6 * S], [4, 15 * S]], alarms: [[3, 10 * S], [7, 5 * S], [4, 12 * S]] }]);
    // (1 s + 3 s) / 2; device 7's revocation is a false alarm's.
    expect(value(m, 'attack.time_to_revoke_ms')).toBe(2_000);
    expect(value(m, 'attack.stolen_key_devices_revoked')).toBe(2);
  });

  it('counts a revoked device no stolen-key attack targets as an honest device revoked', () => {
    const m = outcomes([3], [{ processed: [], revoked: [[7, 6 * S], [3, 11 * S], [8, 9 * S]], alarms: [[7, 5 * S], [3, 10 * S], [8, 8 * S]] }]);
    expect(value(m, 'attack.honest_devices_revoked')).toBe(2);
    expect(value(m, 'attack.stolen_key_devices_revoked')).toBe(1);
  });

  it('reports no time to revoke when only honest devices were revoked', () => {
    const m = outcomes([3], [{ processed: [], revoked: [[7, 6 * S]], alarms: [[7, 5 * S]] }]);
    expect(m['attack.time_to_revoke_ms']).toBeUndefined();
    expect(value(m, 'attack.honest_devices_revoked')).toBe(1);
  });
});
