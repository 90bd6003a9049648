/**
 * Censorship of chosen senders: the proxy drops incoming messages carrying a transaction from a
 * censored client, takes theirs out of the transactions other replicas forward to it on the
 * messages its protocol declares (ProtocolDefinition.forwardedTransactions), and, where its
 * protocol lets it (ProposalExclusion: PBFT, HotStuff, Clique), keeps those already in its pool when
 * the window opens out of what it takes for a proposal, so as leader the replica never proposes
 * them in the window. Censored clients and every dropped or withheld transaction are labelled in
 * the ground truth, a transaction once however many of its copies are dropped.
 */
import { z } from 'zod';
import type { HostId } from '../../../sim/index.ts';
import { forwardedTransactionsOf, hasForwardedIntake, hasProposalExclusion, withForwardedTransactions, type ForwardedTransactions } from '../../protocols/definition.ts';
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
  model: 'proxy drops incoming messages carrying a transaction from a censored client, takes theirs out of transactions forwarded to it and keeps those already pooled out of its proposals (PBFT, HotStuff, Clique); as leader the replica never proposes them in the window',
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
    let forwarding: ForwardedTransactions | undefined;
    setup.whenInstalled((world) => {
      forwarding = world.protocol?.forwardedTransactions;
      for (const c of spec.clients) {
        const h = world.clientHosts[c];
        if (h === undefined) continue;
        senders.add(h);
        setup.truth.label('host', h, 'censorship', 'censored-client', spec.start, spec.end ?? Infinity);
      }
    });
    /** Whether the transaction is a censored client's; if so it is labelled censored. */
    const censors = (tx: { id?: unknown; sender?: unknown } | null | undefined, nowUs: number, emit: (event: TruthLabelEvent) => void): boolean => {
      if (tx === undefined || tx === null || typeof tx.sender !== 'number' || !senders.has(tx.sender)) return false;
      // Sent as an event, so the coordinator of a split run labels it too, in the run's order; at
      // every drop, since replicas (perhaps in other threads) cannot know whether another dropped
      // the transaction before: the ground truth keeps the first (GroundTruth.follow).
      if (typeof tx.id === 'number') emit({ kind: TRUTH_LABEL_EVENT, entity: 'tx', id: tx.id, attack: 'censorship', role: 'censored', fromUs: nowUs });
      return true;
    };
    return {
      mode: 'censorship',
      // Transactions pooled before the window (or taken back into the pool in it, as a HotStuff
      // replica takes back what it forwarded) are kept out of every proposal while it is open.
      // The predicate is made for the event, so a transaction withheld during it is labelled by this
      // replica at this time (the behaviour serves every replica the attack lists).
      beforeHandling(nowUs, emit, replica) {
        if (!hasProposalExclusion(replica)) return;
        replica.excludeFromProposals(isActive(spec, nowUs) ? (tx) => censors(tx, nowUs, emit) : null);
      },
      dropsIncoming(_from, msg, nowUs, emit) {
        return isActive(spec, nowUs) && censors((msg as { tx?: { id?: unknown; sender?: unknown } } | null)?.tx, nowUs, emit);
      },
      // Transactions another replica forwards for this one to propose, on the messages its protocol
      // declares (forwardedTransactions: HotStuff's votes and new-views to the next leader,
      // src/protocols/hotstuff/replica.ts): the censor leaves its censored clients' out, or as leader
      // it would propose them. Their forwarder takes back what the leader's node left out, and
      // proposes them when it leads. Labelled are those the replica would have taken (a vote that
      // comes after its leader proposed forwards what the leader ignores anyway), where its protocol
      // can tell (ForwardedIntake); every one taken out otherwise.
      rewritesIncoming(from, msg, nowUs, emit, replica) {
        const txs = forwardedTransactionsOf(forwarding, msg);
        if (txs === undefined || forwarding === undefined || !isActive(spec, nowUs)) return msg;
        const censored = txs.filter((tx) => senders.has(tx.sender));
        if (censored.length === 0) return msg;
        const taken = hasForwardedIntake(replica) ? new Set(replica.forwardedTaken(from, msg)) : undefined;
        for (const tx of censored) if (taken === undefined || taken.has(tx)) censors(tx, nowUs, emit);
        return withForwardedTransactions(forwarding, msg, txs.filter((tx) => !senders.has(tx.sender)));
      },
    };
  },
});
