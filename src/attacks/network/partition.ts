/**
 * Network partition between groups of replicas, as link cuts so that hosts not named (clients,
 * gateways, unlisted replicas) keep reaching everyone: the classic split-brain test of Raft §5.2 and
 * PBFT's view change (Castro & Liskov §4.4) under asynchrony.
 */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { param, zOrdinal } from '../params.ts';
import { checkDistinctReplicaLists } from '../targets.ts';
import { windowEndUs } from '../window.ts';

export const partition = defineAttack({
  type: 'partition',
  title: 'Network partition',
  category: 'network',
  targets: 'replica links',
  model: 'cuts every link between replicas of different groups; clients and unlisted replicas keep every link',
  paramsSchema: z.object({
    groups: param(z.array(z.array(zOrdinal).min(1)).min(2), 'At least two groups of replica indices that cannot reach each other; unlisted replicas reach everyone.', 'list of replica index lists'),
  }),
  outcomes: ['attack.max_commit_gap_ms', 'attack.conflicting_commits'],
  splitsOverThreads: () => true,
  // A replica in two groups would be cut from part of each: no side it is on would be whole.
  checkTargets: (spec, sizes, issues) => checkDistinctReplicaLists(issues, spec.groups.map((list, j) => ({ field: `groups.${j}`, list })), sizes.replicas),
  // Each group with the unlisted replicas still reaches itself whole. A split that leaves no side
  // with all but f replicas is beyond the fault model (asynchrony: progress is owed only after
  // GST, Dwork, Lynch & Stockmeyer 1988); one that cuts off at most f is a fault the protocols
  // must ride out, as they do f crashes.
  connectedSides(spec, replicas) {
    const listed = new Set(spec.groups.flat());
    const unlisted = Array.from({ length: replicas }, (_, i) => i).filter((i) => !listed.has(i));
    return spec.groups.map((g) => [...g, ...unlisted]);
  },
  install(spec, { world, truth }) {
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
  },
});
