/**
 * Denial of service against the current leader: a flood of junk the leader must receive and reject
 * before it can do useful work. Modelled by its effect, not its packets: every `tick` the leader's
 * processor is charged `load × tick` of work, so its real protocol events queue behind the flood
 * exactly as they would behind the rejected messages. The target follows leadership changes.
 */
import type { HostId } from '../../../sim/index.ts';
import type { AttackOf } from '../../scenario/sections/attacks.ts';
import type { GroundTruthLabel } from '../ground-truth.ts';
import type { InstallContext } from '../types.ts';
import { windowEndUs } from '../window.ts';
import { onLeaderChange } from './leader-tracker.ts';

export function installLeaderDos(spec: AttackOf<'leader-dos'>, { world, truth }: InstallContext): void {
  const { engine } = world;
  const endUs = windowEndUs(spec);
  const workUs = Math.round(spec.load * spec.tick);
  let target: HostId | undefined;
  let label: GroundTruthLabel | undefined;
  let active = false;
  const retarget = (leader: HostId | undefined): void => {
    if (leader === target) return;
    if (label !== undefined) truth.close(label, engine.nowUs);
    target = leader;
    label = leader === undefined ? undefined : truth.label('host', leader, 'leader-dos', 'flooded-leader', engine.nowUs, endUs);
  };
  const tick = (): void => {
    if (!active) return;
    if (target !== undefined && engine.isUp(target)) engine.cpu(target, workUs);
    const next = engine.nowUs + spec.tick;
    if (next < endUs) engine.at(next, tick);
  };
  engine.at(spec.start, () => {
    active = true;
    retarget(world.currentLeader());
    tick();
  });
  onLeaderChange(world, (leader) => {
    if (active) retarget(leader);
  });
  if (endUs !== Infinity) {
    engine.at(endUs, () => {
      active = false;
      retarget(undefined);
    });
  }
}
