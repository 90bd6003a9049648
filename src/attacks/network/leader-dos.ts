/**
 * Denial of service against the current leader: a flood of junk the leader must receive and reject
 * before it can do useful work. Modelled by its effect, not its packets: every `tick` the leader's
 * processor is charged `load × tick` of work, so its real protocol events queue behind the flood
 * exactly as they would behind the rejected messages. The target follows leadership changes.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import type { GroundTruthLabel } from '../ground-truth.ts';
import { param } from '../params.ts';
import { windowEndUs } from '../window.ts';
import { afterParam, followLeader } from './follow-leader.ts';

export const leaderDos = defineAttack({
  type: 'leader-dos',
  title: 'Denial of service on the leader',
  category: 'network',
  targets: 'the current leader',
  model: "charges load × tick of processing to the leader every tick, so its protocol work queues behind the flood; follows the leader (view changes, and HotStuff views and Clique heights as they rotate), `after` each announcement; a leader is flooded, and labelled, from the first tick it is the target at (a tick longer than a leader's stint skips some); `load: 0` is a sweep's control point: the same leaders are targeted and labelled, and charged nothing",
  paramsSchema: z.object({
    load: param(z.number().min(0).lt(1), "Fraction of the leader's processor consumed by the flood.", 'number in [0, 1)'),
    tick: param(zPositiveDurationUs.default(10_000), "Granularity of the charged work (how often the flood's work is charged).", 'duration'),
    after: afterParam(),
  }),
  outcomes: ['attack.legit_latency_ms.p95', 'attack.max_commit_gap_ms'],
  install(spec, { world, truth }) {
    const { engine } = world;
    const endUs = windowEndUs(spec);
    const workUs = Math.round(spec.load * spec.tick);
    let target: HostId | undefined;
    // The host the flood has charged since it became the target, labelled from its first charge: a
    // leader whose whole stint falls between two ticks (a HotStuff view shorter than `tick`) is
    // never flooded, and the ground truth says so.
    let label: GroundTruthLabel | undefined;
    let labelled: HostId | undefined;
    let active = false;
    const retarget = (leader: HostId | undefined): void => {
      if (leader === target) return;
      if (label !== undefined) truth.close(label, engine.nowUs);
      label = labelled = undefined;
      target = leader;
    };
    const tick = (): void => {
      if (!active) return;
      if (target !== undefined && engine.isUp(target)) {
        if (labelled !== target) {
          label = truth.label('host', target, 'leader-dos', 'flooded-leader', engine.nowUs, endUs);
          labelled = target;
        }
        engine.cpu(target, workUs);
      }
      const next = engine.nowUs + spec.tick;
      if (next < endUs) engine.at(next, tick);
    };
    engine.at(spec.start, () => {
      active = true;
      retarget(world.currentLeader());
      tick();
    });
    followLeader(world, () => active, () => spec.after, retarget);
    if (endUs !== Infinity) {
      engine.at(endUs, () => {
        active = false;
        retarget(undefined);
      });
    }
  },
});
