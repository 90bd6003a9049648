/**
 * Follow leadership changes: replicas emit `view-change` events naming the new leader
 * (src/protocols/types.ts); the world's `currentLeader()` is asked too, since not every protocol
 * announces its first leader.
 */
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { AttackWorld } from '../types.ts';

interface ViewChangeLike extends ModelEvent {
  readonly leader?: unknown;
}

export function onLeaderChange(world: AttackWorld, fn: (leader: HostId | undefined) => void): void {
  let last: HostId | undefined;
  world.engine.observe((_host, event) => {
    if (event.kind !== 'view-change') return;
    const named = (event as ViewChangeLike).leader;
    const leader = typeof named === 'number' ? named : world.currentLeader();
    if (leader === last) return;
    last = leader;
    fn(leader);
  });
}
