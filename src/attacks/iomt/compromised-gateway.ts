/** A compromised gateway: its tap drops or holds readings before the gateway's honest code sees them. */
import { z } from 'zod';
import { zDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import { atLeastOneOf, param, zOrdinal } from '../params.ts';
import { isActive } from '../window.ts';
import { gatewayHosts, specsAimedAt } from './layout.ts';
import type { GatewayTap } from './gateway-tap.ts';
import { summed, unrecoverableRecords } from './runtime.ts';

export const compromisedGateway = defineAttack({
  type: 'compromised-gateway',
  title: 'Compromised gateway (drops, delays)',
  category: 'device',
  // What it does is counted at the gateway's tap, which a split keeps with its hospital.
  splitsOverThreads: () => true,
  targets: 'one gateway',
  model: "gateway proxy drops or holds readings before the gateway's honest code sees them; at least one of `drop` and `delay` is set above 0 (with neither it would do nothing)",
  // Neither parameter has a default that makes an attack on its own: each omitted means none, and
  // an entry must set one (an editor filling in defaults drop 0 and delay 0s would write an entry
  // that does nothing, which the check below refuses).
  paramsSchema: atLeastOneOf(
    z.object({
      gateway: param(zOrdinal, 'The compromised gateway (0 is the first).', 'gateway number'),
      drop: param(z.number().min(0).max(1).optional(), 'Chance that each reading reaching the gateway is dropped.', 'number in [0, 1]', 'none dropped (then delay must be set)'),
      delay: param(zDurationUs.optional(), 'Extra time each surviving reading is held before the gateway processes it.', 'duration', 'none held (then drop must be set)'),
    }),
    ['drop', 'delay'],
  ),
  outcomes: ['attack.gateway_dropped_readings', 'attack.gateway_delayed_readings'],
  // Neither dropping nor holding, the gateway would pass every reading as an honest one does while
  // the ground truth labels it compromised: a run that looks attacked and is not.
  checkTargets: (spec, _sizes, issues) => {
    if ((spec.drop ?? 0) > 0 || (spec.delay ?? 0) > 0) return;
    const found = spec.drop === undefined && spec.delay === undefined ? 'neither drop nor delay' : `${spec.drop === undefined ? 'no drop' : `drop: ${spec.drop}`} and ${spec.delay === undefined ? 'no delay' : 'delay: 0s'}`;
    issues.refuse('drop', 'a drop chance above 0, or a positive delay (with drop: 0 and delay: 0s the gateway drops and holds nothing, yet is labelled compromised)', found);
  },
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('gateway', spec.gateway, sizes.gateways, 'a gateway number'),
    plan: (specs, env) => ({
      gatewayBehaviour(gateway) {
        const windows = specsAimedAt(specs, (s) => [s.gateway], gateway);
        if (windows.length === 0) return undefined;
        return {
          admit(nowUs, rng) {
            for (const c of windows) {
              if (!isActive(c, nowUs)) continue;
              if (c.drop !== undefined && c.drop > 0 && rng.float() < c.drop) return 'drop';
              if (c.delay !== undefined && c.delay > 0) return c.delay;
            }
            return undefined;
          },
        };
      },
      installEach({ spec }, world) {
        env.truth.label('host', gatewayHosts(world)[spec.gateway]!, 'compromised-gateway', 'compromised-gateway', spec.start, spec.end ?? Infinity);
      },
      hostTotals: () => counts(env.taps),
      outcomes: (partitions) => {
        const sum = summed(counts(env.taps), partitions);
        return {
          'attack.records_unrecoverable': { unit: 'records', value: sum('unrecoverable') },
          'attack.gateway_dropped_readings': { unit: 'readings', value: sum('dropped') },
          'attack.gateway_delayed_readings': { unit: 'readings', value: sum('delayed') },
        };
      },
    }),
  },
});

/** What the taps of the gateways this engine ran counted. */
function counts(taps: readonly GatewayTap[]): { readonly unrecoverable: number; readonly dropped: number; readonly delayed: number } {
  return { unrecoverable: unrecoverableRecords(taps), dropped: taps.reduce((s, t) => s + t.droppedReadings, 0), delayed: taps.reduce((s, t) => s + t.delayedReadings, 0) };
}
