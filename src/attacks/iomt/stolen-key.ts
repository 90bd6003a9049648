/**
 * Spoofing with a stolen device key: an attacker host per attack signs readings in the device's
 * name with its extracted key (src/attacks/iomt/stolen-key-spoofer.ts). With `respond`, gateways
 * forward their device alarms to a security service that revokes alarmed devices in the
 * DeviceRegistry (src/attacks/iomt/security-service.ts), and the gateways refuse the key once
 * that commits. The service is bound on chain at genesis with authority to revoke (and only
 * revoke) the devices of every gateway (DeviceAdministrators): no other host but a hospital's
 * administration may change the DeviceRegistry.
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import type { ReadingMessage } from '../../iomt/reading.ts';
import type { Metrics } from '../../metrics/types.ts';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { gatewayHosts, nodeEndpoint, radioLink, siteLink } from './layout.ts';
import { deviceDetectorBaselines } from './detector-baselines.ts';
import { SecurityService } from './security-service.ts';
import { SPOOFED, StolenKeySpoofer } from './stolen-key-spoofer.ts';

export const stolenKey = defineAttack({
  type: 'stolen-key',
  title: 'Spoofing with a stolen device key',
  category: 'device',
  // Gateways list the spoofed readings they processed and the security service its revocations, in
  // whichever threads run them; they are judged against each other after the run.
  splitsOverThreads: () => true,
  targets: 'one device',
  model: "an attacker host signs readings in the device's name with its extracted key (valid signatures, abnormal rate and value); the gateways' detectors see the real traffic, alarms go to a security service that revokes the device in the DeviceRegistry, and the gateways refuse the key once that commits",
  paramsSchema: z.object({
    device: param(zOrdinal, 'Device whose key was stolen (0 is the first); the attacker sends in its name.', 'device number'),
    rate: param(z.number().positive().default(5), 'Spoofed readings per second, on top of the genuine stream.', 'readings/s'),
    value: param(z.number().default(60), 'The (abnormal) value every spoofed reading reports.', 'number'),
    respond: param(z.boolean().default(true), 'Whether the security service revokes alarmed devices on chain.', 'boolean'),
  }),
  windowMeanings: { start: "When the attacker starts sending. Before the device's detectors have learnt their baseline (their `warmup` samples of its readings: 51 s for a 50-sample inter-arrival CUSUM at one reading a second) they learn the spoofed traffic as normal and never alarm; the command line says so when the scenario loads." },
  outcomes: ['iomt.spoofed_accepted', 'attack.spoofed_accepted_after_revocation', 'attack.spoofed_rejected_after_revocation', 'attack.time_to_revoke_ms', 'attack.honest_devices_revoked', 'detect.<detector>.time_to_detect_ms'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('device', spec.device, sizes.devices, 'a device number'),
    detectorBaselines: (spec, layout) => deviceDetectorBaselines([spec.device], layout),
    plan: (specs, env) => {
      let security: SecurityService | undefined;
      // Spoofed readings the gateways this engine ran processed: time, device, outcome (ProcessedAs), flattened.
      const processed: number[] = [];
      const own = (): StolenKeyShare => ({ processed, ...(security === undefined ? {} : { revoked: [...security.revokedUs], alarms: [...security.alarmUs] }) });
      return {
        installAll(world) {
          const topo = world.topology;
          const c = world.config;
          for (const { spec, index } of specs) {
            const d = topo.devices[spec.device]!;
            env.truth.label('device', spec.device, 'stolen-key', 'compromised-device', spec.start, spec.end ?? Infinity);
            const opts = { start: spec.start, end: spec.end, gateway: d.gateway, device: spec.device, key: world.deviceKeys[spec.device]!, verifier: world.keyRing, ratePerSec: spec.rate, value: spec.value, payloadBytes: c.profiles[d.kind].payloadBytes, labels: env.labels };
            const attacker = world.engine.addHost(radioLink(world, d.gateway), (ctx: ActorContext<unknown>) => new StolenKeySpoofer(ctx, opts), `attacker:stolen-key:${index}`);
            world.placeBeside(attacker, d.gateway);
            world.addReadingSource(attacker);
          }
          if (!specs.some(({ spec }) => spec.respond)) return;
          const hosp = topo.hospitals[0]!;
          const ledger = world.ledgerEndpoint;
          // The service may revoke (only revoke) the devices of every gateway that forwards it alarms:
          // bound on chain at genesis, here and not in the factory, so every partition binds it.
          const serviceHost = world.engine.hostCount;
          world.enrolDeviceAuthority(serviceHost, gatewayHosts(world), 'revoke');
          const sink = world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => {
            security = new SecurityService(ctx, { ledger, node: nodeEndpoint(world, hosp.node), deviceNames: [...world.deviceNames] });
            return security;
          }, 'security-service');
          if (sink !== serviceHost) throw new Error(`stolen-key: security service placed at host ${sink}, expected ${serviceHost}`);
          env.forwardGatewayAlarmsTo(sink);
          env.labels.onProcessed = (cls, msg, nowUs, accepted, refused) => {
            if (cls === SPOOFED) processed.push(nowUs, (msg as ReadingMessage).device, accepted ? ProcessedAs.accepted : refused === 'unregistered' ? ProcessedAs.refusedKey : ProcessedAs.refusedOther);
          };
        },
        hostTotals: own,
        outcomes(partitions): Metrics {
          const shares = [own(), ...((partitions ?? []) as StolenKeyShare[])];
          const m: Metrics = env.labels.metrics(SPOOFED, 'iomt.spoofed');
          // The thread that ran the security service (if it ran: with `respond`) has its revocations.
          const service = shares.find((s) => s.revoked !== undefined);
          const revokedUs = new Map(service?.revoked ?? []);
          Object.assign(m, revocationOutcomes(shares, revokedUs));
          // Without `respond` no service revokes anything: 0 devices revoked, and no time to revoke.
          const alarmUs = new Map(service?.alarms ?? []);
          const thefts = env.truth.all('device', 'compromised-device').filter((l) => l.attack === 'stolen-key');
          // A revocation is the response to the theft only where the alarm that caused it was raised
          // while the key was stolen; one on an alarm before the theft revoked an honest device.
          const duringTheft = (device: number, alarmUs: number) => thefts.some((l) => l.id === device && alarmUs >= l.fromUs && alarmUs < l.toUs);
          let revokedVictims = 0, revokeSum = 0, revokedHonest = 0;
          for (const [device, t] of revokedUs) {
            if (!duringTheft(device, alarmUs.get(device)!)) {
              revokedHonest++;
              continue;
            }
            revokedVictims++;
            revokeSum += t - alarmUs.get(device)!;
          }
          m['attack.stolen_key_devices_revoked'] = { unit: 'devices', value: revokedVictims };
          m['attack.honest_devices_revoked'] = { unit: 'devices', value: revokedHonest };
          if (revokedVictims > 0) m['attack.time_to_revoke_ms'] = { unit: 'ms', value: revokeSum / revokedVictims / 1000 };
          return m;
        },
      };
    },
  },
});

/**
 * What a gateway did with a spoofed reading. `refusedKey`: refused by the registration check, the
 * one that enforces a revocation (the device holds no registered key at that gateway,
 * admission.ts); `refusedOther`: by a later check (the rate limit, a replayed sequence number),
 * which the key's revocation has nothing to do with.
 */
const ProcessedAs = { refusedKey: 0, accepted: 1, refusedOther: 2 } as const;

/** What a thread of the run saw: the spoofed readings its gateways processed, and the security service's revocations and alarms where it ran. */
interface StolenKeyShare {
  readonly processed: readonly number[];
  readonly revoked?: readonly (readonly [number, number])[];
  readonly alarms?: readonly (readonly [number, number])[];
}

/**
 * Spoofed readings accepted before and after their device's revocation, and refused after it for
 * the revoked key. "After" is timed from when the security service had the revocation confirmed:
 * f + 1 matching replies, and its node (the gateways' node in a one-hospital world) answering that
 * this revocation took effect. A reading processed at or after that time counts as after. A
 * refusal for another reason (the rate limit) shows nothing about the revocation, so it is not
 * counted: a gateway that never applied the revocation still refuses some spoofed readings.
 */
function revocationOutcomes(shares: readonly StolenKeyShare[], revokedUs: ReadonlyMap<number, number>): Metrics {
  let acceptedBefore = 0, acceptedAfter = 0, rejectedAfter = 0;
  for (const { processed } of shares) {
    for (let i = 0; i < processed.length; i += 3) {
      const revoked = revokedUs.get(processed[i + 1]!);
      const after = revoked !== undefined && processed[i]! >= revoked;
      const outcome = processed[i + 2];
      if (outcome === ProcessedAs.accepted) {
        if (after) acceptedAfter++;
        else acceptedBefore++;
      } else if (after && outcome === ProcessedAs.refusedKey) rejectedAfter++;
    }
  }
  return {
    'attack.spoofed_accepted_before_revocation': { unit: 'readings', value: acceptedBefore },
    'attack.spoofed_accepted_after_revocation': { unit: 'readings', value: acceptedAfter },
    'attack.spoofed_rejected_after_revocation': { unit: 'readings', value: rejectedAfter },
  };
}
