/** Silent replicas: the proxy drops every message the replica sends while active (it still listens). */
import { z } from 'zod';
import { defineAttack } from '../definition.ts';
import { replicaList } from '../params.ts';
import { checkDistinctReplicaList } from '../targets.ts';
import { isActive } from '../window.ts';

export const silence = defineAttack({
  type: 'silence',
  title: 'Silent replicas',
  category: 'consensus',
  targets: 'replicas',
  model: 'proxy drops every message the replica sends while active (it still listens)',
  paramsSchema: z.object({ replicas: replicaList('Replicas that misbehave (0 is the first replica).') }),
  outcomes: ['attack.max_commit_gap_ms'],
  splitsOverThreads: () => true,
  checkTargets: (spec, sizes, issues) => checkDistinctReplicaList(issues, 'replicas', spec.replicas, sizes.replicas),
  faultyReplicas: (spec) => spec.replicas,
  byzantineBehaviour: (spec) => ({ mode: 'silence', dropsOutgoing: (_to, _msg, nowUs) => isActive(spec, nowUs) }),
});
