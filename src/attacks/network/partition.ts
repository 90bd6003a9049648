/**
 * Network partition between groups of replicas, as link cuts so that hosts not named (clients,
 * gateways, unlisted replicas) keep reaching everyone: the classic split-brain test of Raft §5.2 and
 * PBFT's view change (Castro & Liskov §4.4) under asynchrony.
 */
import type { AttackOf } from '../../scenario/sections/attacks.ts';
import type { InstallContext } from '../types.ts';
import { windowEndUs } from '../window.ts';

export function installPartition(spec: AttackOf<'partition'>, { world, truth }: InstallContext): void {
  const { engine, replicaHosts } = world;
  const groups = spec.groups.map((g) => g.map((i) => replicaHosts[i]!));
  const endUs = windowEndUs(spec);
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) {
      for (const x of groups[a]!) for (const y of groups[b]!) pairs.push([x, y]);
    }
  }
  engine.at(spec.start, () => {
    for (const [x, y] of pairs) engine.network.cutLink(x, y, true);
    groups.forEach((g, i) => {
      for (const h of g) truth.label('host', h, 'partition', `partition-group-${i}`, spec.start, endUs);
    });
  });
  if (endUs !== Infinity) {
    engine.at(endUs, () => {
      for (const [x, y] of pairs) engine.network.restoreLink(x, y, true);
    });
  }
}
