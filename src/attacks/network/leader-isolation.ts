/**
 * A partition that isolates whoever leads: the leader, with `followers` replicas, is cut from the
 * other replicas, as link cuts so that clients keep reaching it. A leader cut off with a minority
 * keeps accepting requests and appending entries no majority stores while the majority elects
 * another leader: how real clusters get divergent uncommitted log tails (Raft §5.3–§5.4, Figure 7;
 * Jepsen's partition of the primary). With `follow` the cut moves to each new leader some time
 * after its announcement, so every leader replicates for a while and is then cut off: elections in
 * a row with partial replication, the schedules of Raft's Figure 8 (§5.4.2).
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { zDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import type { GroundTruthLabel } from '../ground-truth.ts';
import { param } from '../params.ts';
import { isActive, windowEndUs } from '../window.ts';
import { afterParam, followLeader } from './follow-leader.ts';

/** The leader's side: the leader and the `followers` replicas after it, by index, wrapping. */
export function leaderSide(leaderIndex: number, followers: number, n: number): number[] {
  return Array.from({ length: Math.min(n, 1 + followers) }, (_, k) => (leaderIndex + k) % n);
}

export const leaderIsolation = defineAttack({
  type: 'leader-isolation',
  title: 'Partition isolating the leader',
  category: 'network',
  targets: 'the current leader',
  model: 'cuts every link between the leader (with the `followers` replicas after it) and the other replicas; clients keep every link; with `follow` the cut moves to each new leader after a delay',
  paramsSchema: z.object({
    followers: param(z.number().int().nonnegative().default(0), "Replicas cut off with the leader: those with the next indices after the leader's, wrapping. At most n − 2 for n replicas, so that at least one replica is on the other side of the cut (with n − 1 or more nothing would be cut).", 'count'),
    follow: param(z.boolean().default(false), 'Move the cut to each new leader announced during the window; without it the cut stays around the leader at start.', 'boolean'),
    after: afterParam('With follow: '),
    afterMax: param(zDurationUs.optional(), 'With follow: draw each new leader\'s delay log-uniformly between `after` (at least 1 µs) and this, so both a cut before its first message arrives and one after a few round trips are likely.', 'duration', 'every delay is `after`'),
  }),
  outcomes: ['attack.max_commit_gap_ms', 'attack.conflicting_commits'],
  // Asynchrony: protocols owe progress only after GST (Dwork, Lynch & Stockmeyer 1988).
  breaksSynchrony: true,
  // With n − 1 followers or more the leader's side is every replica: nothing is cut, and the
  // liveness check, which excuses the window, could not fail.
  checkTargets(spec, sizes, issues) {
    issues.index('followers', spec.followers, Math.max(1, sizes.replicas - 1), `a follower count that leaves some of the ${sizes.replicas} replicas outside the leader's side: one`);
    // The delays apply only to a cut that moves; given without `follow` they would be ignored.
    const us = (v: number) => `${v} µs`;
    if (!spec.follow && spec.after !== 0) issues.refuse('after', 'no delay without follow: true (the cut stays around the leader at start)', us(spec.after));
    if (!spec.follow && spec.afterMax !== undefined) issues.refuse('afterMax', 'no delay range without follow: true (the cut stays around the leader at start)', us(spec.afterMax));
    if (spec.afterMax !== undefined && spec.afterMax < spec.after) issues.refuse('afterMax', `a duration ≥ after (${us(spec.after)}), the range's upper end`, us(spec.afterMax));
  },
  install(spec, { world, truth }) {
    const { engine, replicaHosts } = world;
    const n = replicaHosts.length;
    const endUs = windowEndUs(spec);
    const rng = engine.rng.stream(`leader-isolation@${spec.start}`);
    let cut: Array<[HostId, HostId]> = [];
    let label: GroundTruthLabel | undefined;
    const restore = (): void => {
      for (const [x, y] of cut) engine.network.restoreLink(x, y, true);
      cut = [];
      if (label !== undefined) truth.close(label, engine.nowUs);
      label = undefined;
    };
    const isolate = (leader: HostId | undefined): void => {
      restore();
      const index = leader === undefined ? -1 : replicaHosts.indexOf(leader);
      if (leader === undefined || index < 0) return;
      const side = new Set(leaderSide(index, spec.followers, n));
      for (const a of side) for (let b = 0; b < n; b++) if (!side.has(b)) cut.push([replicaHosts[a]!, replicaHosts[b]!]);
      for (const [x, y] of cut) engine.network.cutLink(x, y, true);
      label = truth.label('host', leader, 'leader-isolation', 'isolated-leader', engine.nowUs, endUs);
    };
    const delayUs = (): number => {
      if (spec.afterMax === undefined || spec.afterMax <= spec.after) return spec.after;
      const lo = Math.log(Math.max(1, spec.after));
      return Math.round(Math.exp(lo + rng.float() * (Math.log(spec.afterMax) - lo)));
    };
    engine.at(spec.start, () => isolate(world.currentLeader()));
    if (spec.follow) followLeader(world, () => isActive(spec, engine.nowUs), delayUs, isolate);
    if (endUs !== Infinity) engine.at(endUs, restore);
  },
});
