/**
 * Eclipse (Heilman et al., USENIX Security 2015): the victim's every connection is to the adversary.
 * Modelled as cutting the victim's links to every replica that is not one of the attackers, so what
 * it hears from the rest of the system passes through the adversary's nodes or not at all.
 */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { checkDistinctReplicaList } from '../targets.ts';
import { windowEndUs } from '../window.ts';

export const eclipse = defineAttack({
  type: 'eclipse',
  title: 'Eclipse of a victim',
  category: 'network',
  targets: 'one replica',
  model: "cuts the victim's links to every replica except the attackers (Heilman et al. 2015)",
  paramsSchema: z.object({
    victim: param(zOrdinal, 'The eclipsed replica.', 'replica index'),
    attackers: param(z.array(zOrdinal).default([]), 'Replicas the victim still reaches (the adversary), each once and not the victim itself; empty isolates it.', 'replica index list'),
  }),
  outcomes: ['attack.max_commit_gap_ms'],
  splitsOverThreads: () => true,
  checkTargets(spec, sizes, issues) {
    issues.index('victim', spec.victim, sizes.replicas, 'a replica index');
    checkDistinctReplicaList(issues, 'attackers', spec.attackers, sizes.replicas);
    // The victim among its own attackers is a contradiction: it would be cut from nobody it counts on.
    spec.attackers.forEach((a, j) => {
      if (a === spec.victim) issues.repeated(`attackers.${j}`, a, 'victim', 'an attacker other than the victim');
    });
    // Every other replica an attacker: no link is cut, yet the victim would count as faulty and the
    // liveness check would be excused for nothing.
    const others = new Set(spec.attackers.filter((a) => a !== spec.victim && a < sizes.replicas));
    if (sizes.replicas > 1 && others.size >= sizes.replicas - 1) issues.refuse('attackers', `at most ${sizes.replicas - 2} of the other replicas, so that the eclipse cuts the victim from one or more (with all ${sizes.replicas - 1} nothing is cut)`, `all ${others.size}`);
  },
  // The victim is cut off from everyone but the attackers: the others still reach one another, and
  // the victim counts as faulty for the window (an omission fault).
  connectedSides(spec, replicas) {
    const others = Array.from({ length: replicas }, (_, i) => i).filter((i) => i !== spec.victim);
    return [others, [spec.victim, ...spec.attackers.filter((i) => i !== spec.victim)]];
  },
  install(spec, { world, truth }) {
    const { engine, replicaHosts } = world;
    const victim = replicaHosts[spec.victim]!;
    const attackers = new Set(spec.attackers.map((i) => replicaHosts[i]!));
    const cut = replicaHosts.filter((h) => h !== victim && !attackers.has(h));
    const endUs = windowEndUs(spec);
    engine.at(spec.start, () => {
      for (const h of cut) engine.network.cutLink(victim, h, true);
      truth.label('host', victim, 'eclipse', 'eclipsed-victim', spec.start, endUs);
      for (const h of attackers) truth.label('host', h, 'eclipse', 'eclipse-attacker', spec.start, endUs);
    });
    if (endUs !== Infinity) {
      engine.at(endUs, () => {
        for (const h of cut) engine.network.restoreLink(victim, h, true);
      });
    }
  },
});
