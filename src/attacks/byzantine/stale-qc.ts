/**
 * A forking leader on a stale QC, as a split brain with a protocol lever: the host runs two faces
 * of the replica, both hearing everything. Face 0 is honest and talks to the `fresh` honest
 * replicas only; face 1 runs the protocol's lever 'propose-on-lock' and talks to the others. When
 * the Byzantine replica leads, face 0 proposes on its highest QC, so the fresh replicas see that
 * QC, while face 1 proposes on the older node it is locked on, which the other replicas, locked on
 * the same node, vote for (Yin et al. 2019 §4.2, safeNode). The fresh replicas have seen a two-chain
 * above a node the others are now building around: a three-chain commit rule is safe against this
 * (§4.4), a two-chain commit with a two-chain lock commits that node at the fresh replicas and its
 * sibling everywhere else. Twins (Bano et al. 2020) reaches such a leader by running a Byzantine
 * node as two honest instances and scheduling partitions between them round by round; random
 * fault schedules rarely line that up, hence a named lever: only the protocol's own code can sign
 * a proposal on another QC than the one it would choose.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { PROPOSE_ON_LOCK } from '../../protocols/definition.ts';
import { defineAttack } from '../definition.ts';
import { param, replicaList, zOrdinal } from '../params.ts';
import { checkDistinctReplicaLists } from '../targets.ts';
import { isActive } from '../window.ts';

/**
 * The honest replica just before the first misbehaving one, cyclically. Under round-robin leaders
 * it led the view before the Byzantine leader's, and the leader after, which must hear face 1 to
 * certify its proposal, is another replica.
 */
export function defaultFresh(byzantine: readonly number[], replicas: number): number[] {
  const first = Math.min(...byzantine);
  for (let k = 1; k < replicas; k++) {
    const i = (((first - k) % replicas) + replicas) % replicas;
    if (!byzantine.includes(i)) return [i];
  }
  return [];
}

export const staleQc = defineAttack({
  type: 'stale-qc',
  title: 'Forking leader on a stale QC (Byzantine replicas)',
  category: 'consensus',
  targets: 'replicas',
  model: "split-brain proxy: an honest face talks to the fresh replicas, a face running the protocol's 'propose-on-lock' lever to the others; as leader it proposes on its highest QC to the fresh replicas and on its locked node to the others; colluders talk face to face",
  paramsSchema: z.object({
    replicas: replicaList('Replicas that misbehave (0 is the first replica).'),
    fresh: param(
      z.array(zOrdinal).min(1).optional(),
      "Honest replicas that hear the honest face (proposals on the highest QC); the others hear the lever face (proposals on the locked node).",
      'replica index list',
      'the honest replica just before the first misbehaving one, cyclically (under round-robin leaders, the leader of the view before the Byzantine leader’s)',
    ),
  }),
  outcomes: ['attack.conflicting_commits', 'safety.violations'],
  splitsOverThreads: () => true,
  checkTargets(spec, sizes, issues) {
    // fresh names honest replicas: a misbehaving one there, or one listed twice, is a typo.
    checkDistinctReplicaLists(issues, [{ field: 'replicas', list: spec.replicas }, ...(spec.fresh === undefined ? [] : [{ field: 'fresh', list: spec.fresh }])], sizes.replicas);
  },
  checkProtocol(_spec, protocol, issues) {
    const levers = protocol.byzantineLevers ?? [];
    if (levers.includes(PROPOSE_ON_LOCK)) return;
    const has = levers.length === 0 ? 'which has none' : `which has ${levers.map((l) => `'${l}'`).join(', ')}`;
    issues.refuse('type', `an attack ${protocol.name} can run (stale-qc needs a protocol with the Byzantine lever '${PROPOSE_ON_LOCK}' in its definition's byzantineLevers, as chained HotStuff's)`, `'stale-qc' on ${protocol.name}, ${has}`);
  },
  faultyReplicas: (spec) => spec.replicas,
  byzantine: true,
  byzantineBehaviour(spec, setup) {
    const fresh = new Set<HostId>();
    const colluders = new Set<HostId>();
    setup.whenInstalled((world) => {
      for (const i of spec.replicas) colluders.add(world.replicaHosts[i]!);
      for (const i of spec.fresh ?? defaultFresh(spec.replicas, world.replicaHosts.length)) fresh.add(world.replicaHosts[i]!);
    });
    return {
      mode: 'stale-qc',
      split: {
        faces: 2,
        isActive: (nowUs) => isActive(spec, nowUs),
        // Both faces hear everything: they differ only in what they propose and in who hears them.
        faceFor: () => 'all',
        route(face, to) {
          if (colluders.has(to)) return 'envelope';
          if (setup.replicaHosts().includes(to)) return (fresh.has(to) ? 0 : 1) === face ? 'send' : 'drop';
          return face === 0 ? 'send' : 'drop'; // clients hear one face only
        },
        lever: (face) => (face === 1 ? PROPOSE_ON_LOCK : undefined),
        // Face 0 hears what face 1 sends to replicas, so it can follow the branch the others build
        // on face 1's proposals; face 1 never hears face 0's proposal on the newer QC, and stays
        // where the others are.
        sharesSent: (face, to) => face === 1 && setup.replicaHosts().includes(to),
      },
    };
  },
});
