/**
 * Equivocation as a split brain: the host runs two copies ("faces") of the honest replica. Face 0
 * talks to one side of the honest replicas, face 1 to the other, and colluders talk face to face;
 * client requests are split between the faces by transaction id parity, so a Byzantine leader
 * proposes different blocks to the two sides and every Byzantine vote differs by side. This is the
 * attack PBFT's quorum intersection defeats while f < n/3 (Castro & Liskov §4.2) and that breaks
 * safety once f ≥ n/3.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { defineAttack } from '../definition.ts';
import { param, replicaList, zOrdinal } from '../params.ts';
import { checkDistinctReplicaLists } from '../targets.ts';
import { isActive } from '../window.ts';

export const equivocation = defineAttack({
  type: 'equivocation',
  title: 'Equivocation (Byzantine replicas)',
  category: 'consensus',
  targets: 'replicas',
  model: 'split-brain proxy: two copies of the honest replica, each talking to one side of the honest replicas; colluders talk face to face; a Byzantine leader proposes different blocks to each side',
  paramsSchema: z.object({
    replicas: replicaList('Replicas that misbehave (0 is the first replica).'),
    sideA: param(z.array(zOrdinal).optional(), 'Honest replicas that see the first face; the others see the second.', 'replica index list', 'first half of the honest replicas'),
  }),
  outcomes: ['attack.conflicting_commits', 'safety.violations'],
  splitsOverThreads: () => true,
  checkTargets(spec, sizes, issues) {
    // sideA names honest replicas: a misbehaving one there, or one listed twice, is a typo.
    checkDistinctReplicaLists(issues, [{ field: 'replicas', list: spec.replicas }, ...(spec.sideA === undefined ? [] : [{ field: 'sideA', list: spec.sideA }])], sizes.replicas);
  },
  faultyReplicas: (spec) => spec.replicas,
  byzantine: true,
  byzantineBehaviour(spec, setup) {
    const sideA = new Set<HostId>();
    const colluders = new Set<HostId>();
    setup.whenInstalled((world) => {
      for (const i of spec.replicas) colluders.add(world.replicaHosts[i]!);
      const honest = world.replicaHosts.map((_, i) => i).filter((i) => !spec.replicas.includes(i));
      for (const i of spec.sideA ?? honest.slice(0, Math.floor(honest.length / 2))) sideA.add(world.replicaHosts[i]!);
    });
    const faceOf = (h: HostId): number => (sideA.has(h) ? 0 : 1);
    return {
      mode: 'equivocation',
      split: {
        faces: 2,
        isActive: (nowUs) => isActive(spec, nowUs),
        faceFor(from, msg) {
          if (colluders.has(from)) return 0; // a colluder outside an envelope: treat it like face 0's peer
          if (setup.replicaHosts().includes(from)) return faceOf(from);
          const tx = (msg as { tx?: { id?: unknown } } | null)?.tx;
          return tx !== undefined && typeof tx.id === 'number' ? tx.id % 2 : 'all';
        },
        route(face, to) {
          if (colluders.has(to)) return 'envelope';
          if (setup.replicaHosts().includes(to)) return faceOf(to) === face ? 'send' : 'drop';
          return face === 0 ? 'send' : 'drop'; // clients hear one face only
        },
      },
    };
  },
});
