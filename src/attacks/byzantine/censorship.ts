/**
 * Censorship of chosen senders: the proxy drops incoming messages carrying a transaction from a
 * censored client, so as leader the replica never proposes them. Censored clients and every
 * dropped transaction are labelled in the ground truth, a transaction once however many of its
 * copies are dropped.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { defineAttack } from '../definition.ts';
import { TRUTH_LABEL_EVENT, type TruthLabelEvent } from '../ground-truth.ts';
import { param, replicaList, zOrdinal } from '../params.ts';
import { checkDistinctReplicaList, checkListedOnce } from '../targets.ts';
import { isActive } from '../window.ts';

export const censorship = defineAttack({
  type: 'censorship',
  title: 'Censorship of chosen senders',
  category: 'consensus',
  targets: 'replicas and clients',
  model: 'proxy drops incoming messages carrying a transaction from a censored client; as leader the replica never proposes them',
  paramsSchema: z.object({
    replicas: replicaList('Replicas that misbehave (0 is the first replica).'),
    clients: param(z.array(zOrdinal).min(1), 'Clients (0 is the first client) whose transactions are censored.', 'client index list'),
  }),
  outcomes: ['attack.censorship_delay_ms.mean', 'attack.censored_uncommitted'],
  checkTargets(spec, sizes, issues) {
    checkDistinctReplicaList(issues, 'replicas', spec.replicas, sizes.replicas);
    spec.clients.forEach((c, j) => issues.index(`clients.${j}`, c, sizes.clients, 'a client index'));
    checkListedOnce(issues, [{ field: 'clients', list: spec.clients }], 'a client index');
  },
  faultyReplicas: (spec) => spec.replicas,
  byzantine: true,
  // Its replicas drop by their own state, and label what they drop as events every thread's
  // coordinator sees in the run's order.
  splitsOverThreads: () => true,
  byzantineBehaviour(spec, setup) {
    const senders = new Set<HostId>();
    setup.whenInstalled((world) => {
      for (const c of spec.clients) {
        const h = world.clientHosts[c];
        if (h === undefined) continue;
        senders.add(h);
        setup.truth.label('host', h, 'censorship', 'censored-client', spec.start, spec.end ?? Infinity);
      }
    });
    return {
      mode: 'censorship',
      dropsIncoming(_from, msg, nowUs, emit) {
        const tx = (msg as { tx?: { id?: unknown; sender?: unknown } } | null)?.tx;
        if (tx === undefined || typeof tx.sender !== 'number' || !isActive(spec, nowUs) || !senders.has(tx.sender)) return false;
        // Sent as an event, so the coordinator of a split run labels it too, in the run's order; at
        // every drop, since replicas (perhaps in other threads) cannot know whether another dropped
        // the transaction before: the ground truth keeps the first (GroundTruth.follow).
        if (typeof tx.id === 'number') {
          const label: TruthLabelEvent = { kind: TRUTH_LABEL_EVENT, entity: 'tx', id: tx.id, attack: 'censorship', role: 'censored', fromUs: nowUs };
          emit(label);
        }
        return true;
      },
    };
  },
});
