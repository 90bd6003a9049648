/**
 * Crash and recovery schedules (the crash-stop and crash-recovery fault models of Raft §5 and PBFT
 * §4.4): at `start` the targets stop, losing queued work, pending timers and every message; at `end`
 * they come back and their actors' `onRecover` runs.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { checkDistinctReplicaList } from '../targets.ts';
import { windowEndUs } from '../window.ts';

export const crash = defineAttack({
  type: 'crash',
  title: 'Crash and recovery',
  category: 'engine',
  targets: 'replicas',
  model: 'engine.crash at start (queued work, timers and messages lost), engine.recover at end',
  paramsSchema: z.object({
    replicas: param(z.union([z.array(zOrdinal).min(1), z.literal('leader')]), "Replicas to crash; 'leader' crashes whoever leads at start.", "replica index list or 'leader'"),
  }),
  outcomes: ['attack.max_commit_gap_ms', 'safety.violations'],
  // A crash of the leader follows the leader tracker, which the partitions' engines do not feed.
  splitsOverThreads: (spec) => spec.replicas !== 'leader',
  checkTargets(spec, sizes, issues) {
    if (spec.replicas !== 'leader') checkDistinctReplicaList(issues, 'replicas', spec.replicas, sizes.replicas);
  },
  faultyReplicas: (spec) => (spec.replicas === 'leader' ? ['leader'] : spec.replicas),
  install(spec, { world, truth }) {
    const { engine, replicaHosts } = world;
    const endUs = windowEndUs(spec);
    let targets: HostId[] = [];
    engine.at(spec.start, () => {
      if (spec.replicas === 'leader') {
        const leader = world.currentLeader();
        targets = leader === undefined ? [] : [leader];
        if (leader !== undefined) world.leaderTargetActed?.(spec, replicaHosts.indexOf(leader));
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
  },
});
