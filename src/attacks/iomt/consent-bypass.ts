/**
 * Consent bypass by direct read: an intruder host asks a record store for devices' latest records
 * without asking AccessControl (src/attacks/iomt/direct-reader.ts); every record returned is an
 * unauthorized read.
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { DirectStoreReader } from './direct-reader.ts';
import { siteLink } from './layout.ts';
import { summed } from './runtime.ts';

export const consentBypass = defineAttack({
  type: 'consent-bypass',
  title: 'Consent bypass by direct read',
  category: 'device',
  // The intruders count what they asked and got; each sits at its store's site.
  splitsOverThreads: () => true,
  targets: "a hospital's record store",
  model: "an intruder host asks the record store directly for devices' latest records, never asking AccessControl; every record returned is an unauthorized read",
  paramsSchema: z.object({
    hospital: param(zOrdinal, 'Hospital whose record store the intruder queries directly (0 is the first).', 'hospital number'),
    rate: param(z.number().positive().default(1), 'Read requests per second.', 'requests/s'),
  }),
  outcomes: ['attack.unauthorized_reads', 'attack.unauthorized_reads_denied'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('hospital', spec.hospital, sizes.hospitals, 'a hospital number'),
    plan: (_specs, env) => {
      const intruders: DirectStoreReader[] = [];
      return {
        installEach({ spec, index }, world) {
          const hospital = world.topology.hospitals[spec.hospital]!;
          const opts = { start: spec.start, end: spec.end, store: hospital.store, devices: world.topology.devices.map((d) => d.index), ratePerSec: spec.rate };
          // On the hospital's wireless network: a radio hop from its store, at a site's bandwidth.
          const h = world.engine.addHost(siteLink(world, hospital.radioRegion), (ctx: ActorContext<unknown>) => {
            const a = new DirectStoreReader(ctx, opts);
            intruders.push(a);
            return a;
          // Named by the attack's place in the scenario, not by how many intruders this engine built:
          // a partition builds only its own, and its stream (and its network draws) must match one thread's.
          }, `attacker:intruder:${index}`);
          world.placeBeside(h, opts.store);
          env.truth.label('host', h, 'consent-bypass', 'intruder', spec.start, spec.end ?? Infinity);
        },
        hostTotals: () => intruderCounts(intruders),
        outcomes: (partitions) => {
          const sum = summed(intruderCounts(intruders), partitions);
          return {
            'attack.unauthorized_requests': { unit: 'requests', value: sum('requests') },
            'attack.unauthorized_reads': { unit: 'records', value: sum('reads') },
            'attack.unauthorized_reads_denied': { unit: 'requests', value: sum('denied') },
          };
        },
      };
    },
  },
});

/** What the intruders this engine ran counted. */
function intruderCounts(intruders: readonly DirectStoreReader[]): { readonly requests: number; readonly reads: number; readonly denied: number } {
  return { requests: intruders.reduce((x, a) => x + a.requests, 0), reads: intruders.reduce((x, a) => x + a.recordsRead, 0), denied: intruders.reduce((x, a) => x + a.readsDenied, 0) };
}
