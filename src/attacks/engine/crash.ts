/**
 * Crash and recovery schedules (the crash-stop and crash-recovery fault models of Raft §5 and PBFT
 * §4.4): at `start` the targets stop, losing queued work, pending timers and every message; at `end`
 * they come back and their actors' `onRecover` runs.
 */
import type { HostId } from '../../../sim/index.ts';
import type { AttackOf } from '../../scenario/sections/attacks.ts';
import type { InstallContext } from '../types.ts';
import { windowEndUs } from '../window.ts';

export function installCrash(spec: AttackOf<'crash'>, { world, truth }: InstallContext): void {
  const { engine, replicaHosts } = world;
  const endUs = windowEndUs(spec);
  let targets: HostId[] = [];
  engine.at(spec.start, () => {
    if (spec.replicas === 'leader') {
      const leader = world.currentLeader();
      targets = leader === undefined ? [] : [leader];
    } else {
      targets = spec.replicas.map((i) => replicaHosts[i]!);
    }
    for (const h of targets) {
      engine.crash(h);
      truth.label('host', h, 'crash', 'crashed', spec.start, endUs);
    }
  });
  if (endUs !== Infinity) {
    engine.at(endUs, () => {
      for (const h of targets) engine.recover(h);
    });
  }
}
