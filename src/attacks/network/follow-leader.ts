/**
 * How the attacks that follow the leader move: to each new leader announced while the attack is
 * active, some time after the announcement. At 0 the move happens at the announcement itself,
 * before the new leader's first message leaves: an attacker that knows at once, an upper bound on
 * the harm. A real attacker learns of a new leader from the traffic it sees (a view change, a
 * proposal), at least a one-way latency later.
 */
import type { HostId } from '../../../sim/index.ts';
import { zDurationUs } from '../../scenario/zod-units.ts';
import { param } from '../params.ts';
import type { AttackWorld } from '../types.ts';

/**
 * Call `move` with each new leader `delayUs()` after its announcement while `active()`. Only the
 * newest leader's move counts: a leader replaced before its delay ran out is never a target.
 */
export function followLeader(world: AttackWorld, active: () => boolean, delayUs: () => number, move: (leader: HostId | undefined) => void): void {
  const { engine } = world;
  let moves = 0;
  world.onLeaderChange((leader) => {
    if (!active()) return;
    const m = ++moves;
    const wait = delayUs();
    if (wait === 0) move(leader);
    else engine.at(engine.nowUs + wait, () => {
      if (m === moves && active()) move(leader);
    });
  });
}

/** The `after` parameter of every attack that follows the leader; `condition` says when it applies. */
export function afterParam(condition = '') {
  return param(zDurationUs.default(0), `${condition}${AFTER_TEXT}`, 'duration');
}

const AFTER_TEXT = "How long a new leader goes untouched before the attack moves to it: 0 moves at the leader's announcement, before its first message leaves (an attacker that knows at once); a real attacker learns of a new leader from the traffic it sees, at least a one-way latency later.";
