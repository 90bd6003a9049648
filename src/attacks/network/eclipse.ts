/**
 * Eclipse (Heilman et al., USENIX Security 2015): the victim's every connection is to the adversary.
 * Modelled as cutting the victim's links to every replica that is not one of the attackers, so what
 * it hears from the rest of the system passes through the adversary's nodes or not at all.
 */
import type { AttackOf } from '../../scenario/sections/attacks.ts';
import type { InstallContext } from '../types.ts';
import { windowEndUs } from '../window.ts';

export function installEclipse(spec: AttackOf<'eclipse'>, { world, truth }: InstallContext): void {
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
}
