/**
 * An example plug-in attack (docs/plugins.md): a noisy neighbour on the replicas' hosts (a backup
 * job, a co-located VM) takes a share of their processor for a while. Modelled by its effect:
 * every `tick` each target is charged `load × tick` of processing, so its protocol work queues
 * behind it. The replicas stay honest and up, so the attack makes none of them faulty; it shows
 * how much slack a consortium has before latency suffers.
 *
 * A scenario names it with `attacks: [{ module: ./noisy-neighbour.ts, replicas: [1], load: 0.5 }]`.
 */
import { defineAttack, z, zPositiveDurationUs } from '../../src/plugin-api.ts';

export default defineAttack({
  type: 'noisy-neighbour',
  title: 'Noisy neighbour (example plug-in)',
  category: 'engine',
  targets: 'replicas',
  model: "every tick each target's processor is charged load × tick of foreign work",
  paramsSchema: z.object({
    replicas: z.array(z.number().int().nonnegative()).min(1).meta({ description: 'replicas whose hosts are shared (0 is the first replica)', 'x-type': 'replica index list' }),
    load: z.number().min(0).lt(1).meta({ description: "fraction of each target's processor taken", 'x-type': 'number in [0, 1)' }),
    tick: zPositiveDurationUs.default(10_000).meta({ description: 'granularity of the charged work', 'x-type': 'duration' }),
  }),
  outcomes: ['consensus.commit_latency_ms.p99', 'node.cpu_utilization'],
  checkTargets: (spec, sizes, issues) => {
    spec.replicas.forEach((r, i) => issues.index(`replicas.${i}`, r, sizes.replicas, 'a replica index'));
  },
  install: (spec, { world, truth }) => {
    const { engine } = world;
    const endUs = spec.end ?? world.endUs;
    const hosts = spec.replicas.map((i) => world.replicaHosts[i]!);
    const workUs = Math.round(spec.load * spec.tick);
    const tick = (): void => {
      for (const h of hosts) if (engine.isUp(h)) engine.cpu(h, workUs);
      const next = engine.nowUs + spec.tick;
      if (next < endUs) engine.at(next, tick);
    };
    engine.at(spec.start, () => {
      for (const h of hosts) truth.label('host', h, 'noisy-neighbour', 'shared-host', spec.start, endUs);
      tick();
    });
  },
});
