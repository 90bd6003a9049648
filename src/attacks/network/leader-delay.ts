/**
 * Targeted delay against whoever leads: every message to or from the current leader takes `delay`
 * longer (a BGP-hijack or a congested uplink aimed at one node). The target follows leadership: at
 * each view change, and where the leader rotates without one at each view or height (HotStuff §4.3,
 * Clique's in-turn signer), the delay moves to the new leader, which is what makes leader-based
 * protocols pay for every rotation. On Raft a delay at or above the election timeout's lower bound
 * (`consensus.raft.electionTimeoutMin`) with `after: 0` leaves it leaderless: each new leader's
 * heartbeats reach its followers later than their election timers fire (Raft §5.2), they elect
 * another, and the delay moves to it at once. raft.yaml (150 ms) commits nothing in 60 s at a delay
 * of 160 ms or 200 ms, and 204 tx/s at 140 ms, as without the attack; liveness.violations, among its
 * outcomes, says so.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import type { GroundTruthLabel } from '../ground-truth.ts';
import { param } from '../params.ts';
import { isActive, windowEndUs } from '../window.ts';
import { afterParam, followLeader } from './follow-leader.ts';

export const leaderDelay = defineAttack({
  type: 'leader-delay',
  title: 'Targeted delay on the leader',
  category: 'network',
  targets: 'the current leader',
  model: "extra one-way delay on every message to or from the leader; follows the leader (view changes, and HotStuff views and Clique heights as they rotate), `after` each announcement; on Raft a delay at or above the election timeout's lower bound (consensus.raft.electionTimeoutMin) with `after: 0` leaves it leaderless: each new leader's heartbeats arrive after its followers' election timers fire, and the delay follows the leader they elect next",
  paramsSchema: z.object({
    delay: param(zPositiveDurationUs, 'Added one-way delay on every message to or from the current leader.', 'duration'),
    after: afterParam(),
  }),
  outcomes: ['attack.legit_latency_ms.p95', 'attack.max_commit_gap_ms', 'liveness.violations'],
  install(spec, { world, truth }) {
    const { engine } = world;
    let target: HostId | undefined;
    let label: GroundTruthLabel | undefined;
    const retarget = (leader: HostId | undefined): void => {
      if (leader === target) return;
      if (target !== undefined) engine.network.removeExtraDelay(target, spec.delay);
      if (label !== undefined) truth.close(label, engine.nowUs);
      target = leader;
      label = undefined;
      if (leader === undefined) return;
      engine.network.addExtraDelay(leader, spec.delay);
      label = truth.label('host', leader, 'leader-delay', 'delayed-leader', engine.nowUs, windowEndUs(spec));
    };
    engine.at(spec.start, () => retarget(world.currentLeader()));
    followLeader(world, () => isActive(spec, engine.nowUs), () => spec.after, retarget);
    if (spec.end !== undefined) engine.at(spec.end, () => retarget(undefined));
  },
});
