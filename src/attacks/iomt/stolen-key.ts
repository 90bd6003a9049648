/**
 * Spoofing with a stolen device key: an attacker host per attack signs readings in the device's
 * name with its extracted key (src/attacks/iomt/stolen-key-spoofer.ts). With `respond`, gateways
 * forward their device alarms to a security service that revokes alarmed devices in the
 * DeviceRegistry (src/attacks/iomt/security-service.ts), and the gateways refuse the key once
 * that commits.
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import type { ReadingMessage } from '../../iomt/reading.ts';
import type { Metrics } from '../../metrics/types.ts';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { ledgerEndpoint, nodeEndpoint, radioLink, siteLink } from './layout.ts';
import { SecurityService } from './security-service.ts';
import { SPOOFED, StolenKeySpoofer } from './stolen-key-spoofer.ts';

export const stolenKey = defineAttack({
  type: 'stolen-key',
  title: 'Spoofing with a stolen device key',
  category: 'device',
  targets: 'one device',
  model: "an attacker host signs readings in the device's name with its extracted key (valid signatures, abnormal rate and value); the gateways' detectors see the real traffic, alarms go to a security service that revokes the device in the DeviceRegistry, and the gateways refuse the key once that commits",
  paramsSchema: z.object({
    device: param(zOrdinal, 'Device whose key was stolen (0 is the first); the attacker sends in its name.', 'device number'),
    rate: param(z.number().positive().default(5), 'Spoofed readings per second, on top of the genuine stream.', 'readings/s'),
    value: param(z.number().default(60), 'The (abnormal) value every spoofed reading reports.', 'number'),
    respond: param(z.boolean().default(true), 'Whether the security service revokes alarmed devices on chain.', 'boolean'),
  }),
  outcomes: ['iomt.spoofed_accepted', 'attack.spoofed_accepted_after_revocation', 'attack.spoofed_rejected_after_revocation', 'attack.time_to_revoke_ms', 'attack.honest_devices_revoked', 'detect.<detector>.time_to_detect_ms'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('device', spec.device, sizes.devices, 'a device number'),
    plan: (specs, env) => {
      let security: SecurityService | undefined;
      const acceptedBeforeAfter = [0, 0];
      let rejectedAfterRevocation = 0;
      return {
        installAll(world) {
          const topo = world.topology;
          const c = world.config;
          for (const { spec } of specs) {
            const d = topo.devices[spec.device]!;
            env.truth.label('device', spec.device, 'stolen-key', 'compromised-device', spec.start, spec.end ?? Infinity);
            const opts = { start: spec.start, end: spec.end, gateway: d.gateway, device: spec.device, key: world.deviceKeys[spec.device]!, verifier: world.keyRing, ratePerSec: spec.rate, value: spec.value, payloadBytes: c.profiles[d.kind].payloadBytes, labels: env.labels };
            world.engine.addHost(radioLink(world), (ctx: ActorContext<unknown>) => new StolenKeySpoofer(ctx, opts), `attacker:stolen-key:${spec.device}`);
          }
          if (!specs.some(({ spec }) => spec.respond)) return;
          const hosp = topo.hospitals[0]!;
          const ledger = ledgerEndpoint(world);
          const sink = world.engine.addHost(siteLink(world, hosp.region), (ctx: ActorContext<unknown>) => {
            security = new SecurityService(ctx, { ledger, node: nodeEndpoint(world, hosp.node), deviceNames: [...world.deviceNames] });
            return security;
          }, 'security-service');
          env.forwardGatewayAlarmsTo(sink);
          // Spoofed readings the gateways processed, before and after the revocation of their device was
          // confirmed committed at the security service's node (the gateways' node in a one-hospital world).
          env.labels.onProcessed = (cls, msg, nowUs, accepted) => {
            if (cls !== SPOOFED) return;
            const revokedUs = security?.revokedUs.get((msg as ReadingMessage).device);
            const after = revokedUs !== undefined && nowUs >= revokedUs;
            if (accepted) acceptedBeforeAfter[after ? 1 : 0]! += 1;
            else if (after) rejectedAfterRevocation++;
          };
        },
        outcomes(): Metrics {
          const m: Metrics = {
            ...env.labels.metrics(SPOOFED, 'iomt.spoofed'),
            'attack.spoofed_accepted_before_revocation': { unit: 'readings', value: acceptedBeforeAfter[0]! },
            'attack.spoofed_accepted_after_revocation': { unit: 'readings', value: acceptedBeforeAfter[1]! },
            'attack.spoofed_rejected_after_revocation': { unit: 'readings', value: rejectedAfterRevocation },
          };
          if (security === undefined) return m;
          const victims = new Set(env.truth.all('device', 'compromised-device').filter((l) => l.attack === 'stolen-key').map((l) => l.id as number));
          let revokedVictims = 0, revokeSum = 0, revokedHonest = 0;
          for (const [device, t] of security.revokedUs) {
            if (!victims.has(device)) {
              revokedHonest++;
              continue;
            }
            revokedVictims++;
            revokeSum += t - security.alarmUs.get(device)!;
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
