/**
 * Sybil identities: an attacker host beside a gateway sends correctly signed, plausible readings
 * from identities never registered, each with a fresh key (src/attacks/iomt/sybil-attacker.ts).
 */
import { z } from 'zod';
import type { ActorContext } from '../../../sim/index.ts';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { gatewayHosts, radioLink } from './layout.ts';
import { FORGED, SybilAttacker } from './sybil-attacker.ts';

/** Signer ids of Sybil keys, above the world's device keys (which start at 2^24). */
const SYBIL_SIGNER_BASE = 1 << 28;

export const sybil = defineAttack({
  type: 'sybil',
  title: 'Sybil identities',
  category: 'device',
  // Its counts are made where devices send and gateways admit, which a split keeps in one thread.
  splitsOverThreads: () => true,
  targets: 'one gateway',
  model: 'an attacker host beside the gateway sends correctly signed, plausible readings from identities never registered, each with a fresh key',
  paramsSchema: z.object({
    gateway: param(zOrdinal, 'Gateway the identities talk to (0 is the first).', 'gateway number'),
    identities: param(z.number().int().min(1).default(10), 'Unregistered identities, each with its own fresh key.', 'integer'),
    rate: param(z.number().positive().default(10), 'Readings per second from all identities together.', 'readings/s'),
  }),
  outcomes: ['iomt.forged_accepted', 'iomt.forged_stored', 'iomt.readings_rejected.unregistered'],
  device: {
    checkWorldTargets: (spec, sizes, issues) => issues.index('gateway', spec.gateway, sizes.gateways, 'a gateway number'),
    plan: (_specs, env) => ({
      installEach({ spec, index }, world) {
        const base = world.topology.devices.length + env.truth.all('identity').length;
        const identities = Array.from({ length: spec.identities }, (_, i) => base + i);
        const keys = identities.map((id) => world.keyRing.issue(SYBIL_SIGNER_BASE + id));
        for (const id of identities) env.truth.label('identity', id, 'sybil', 'sybil-identity', spec.start, spec.end ?? Infinity);
        const gateway = gatewayHosts(world)[spec.gateway]!;
        const opts = { start: spec.start, end: spec.end, gateway, identities, keys, verifier: world.keyRing, ratePerSec: spec.rate, labels: env.labels };
        const attacker = world.engine.addHost(radioLink(world, gateway), (ctx: ActorContext<unknown>) => new SybilAttacker(ctx, opts), `attacker:sybil:${index}`);
        world.placeBeside(attacker, gateway);
        world.addReadingSource(attacker);
      },
      outcomes: () => env.labels.metrics(FORGED, 'iomt.forged'),
    }),
  },
});
