/**
 * Targeted delay against whoever leads: every message to or from the current leader takes `delay`
 * longer (a BGP-hijack or a congested uplink aimed at one node). The target follows leadership: at
 * each view change the delay moves to the new leader, which is what makes leader-based protocols
 * (PBFT §4.4, HotStuff §4.3) pay for every rotation.
 */
import type { HostId } from '../../../sim/index.ts';
import type { AttackOf } from '../../scenario/sections/attacks.ts';
import type { GroundTruthLabel } from '../ground-truth.ts';
import type { InstallContext } from '../types.ts';
import { isActive, windowEndUs } from '../window.ts';
import { onLeaderChange } from './leader-tracker.ts';

export function installLeaderDelay(spec: AttackOf<'leader-delay'>, { world, truth }: InstallContext): void {
  const { engine } = world;
  let target: HostId | undefined;
  let label: GroundTruthLabel | undefined;
  const retarget = (leader: HostId | undefined): void => {
    if (leader === target) return;
    if (target !== undefined) engine.network.setExtraDelay(target, 0);
    if (label !== undefined) truth.close(label, engine.nowUs);
    target = leader;
    label = undefined;
    if (leader === undefined) return;
    engine.network.setExtraDelay(leader, spec.delay);
    label = truth.label('host', leader, 'leader-delay', 'delayed-leader', engine.nowUs, windowEndUs(spec));
  };
  engine.at(spec.start, () => retarget(world.currentLeader()));
  onLeaderChange(world, (leader) => {
    if (isActive(spec, engine.nowUs)) retarget(leader);
  });
  if (spec.end !== undefined) engine.at(spec.end, () => retarget(undefined));
}

