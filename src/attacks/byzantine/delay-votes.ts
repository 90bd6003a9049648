/**
 * Delayed votes: the proxy holds back the chosen message kinds for a fixed delay, in order. Kinds
 * are the protocol's own names (its definition's messageKinds, e.g. pbft-prepare), checked when the
 * scenario loads, so a kind the protocol never sends is an error rather than an attack that does
 * nothing.
 */
import { z } from 'zod';
import { zPositiveDurationUs } from '../../scenario/zod-units.ts';
import { defineAttack } from '../definition.ts';
import { param, replicaList } from '../params.ts';
import { checkDistinctReplicaList, checkListedOnce } from '../targets.ts';
import { isActive } from '../window.ts';

function messageKind(msg: unknown): string {
  const k = (msg as { kind?: unknown } | null)?.kind;
  return typeof k === 'string' ? k : '';
}

export const delayVotes = defineAttack({
  type: 'delay-votes',
  title: 'Delayed votes',
  category: 'consensus',
  targets: 'replicas',
  model: 'proxy holds back the chosen message kinds for a fixed delay, in order',
  paramsSchema: z.object({
    replicas: replicaList('Replicas that misbehave (0 is the first replica).'),
    delay: param(zPositiveDurationUs, 'How long each message is held.', 'duration'),
    kinds: param(
      z.array(z.string().min(1)).default([]),
      "Message kinds to hold, as the scenario's protocol names them (`iomtsim list protocols`): e.g. [pbft-prepare, pbft-commit] for PBFT's votes, [hs-vote] for HotStuff's, [raft-append-reply] for Raft's acknowledgements; empty holds every message the replica sends.",
      'list of message kinds',
    ),
  }),
  outcomes: ['attack.legit_latency_ms.p95'],
  splitsOverThreads: () => true,
  checkTargets: (spec, sizes, issues) => checkDistinctReplicaList(issues, 'replicas', spec.replicas, sizes.replicas),
  checkProtocol: (spec, protocol, issues) => {
    spec.kinds.forEach((kind, j) => issues.oneOf(`kinds.${j}`, kind, protocol.messageKinds, `a message kind of ${protocol.name}`));
    checkListedOnce(issues, [{ field: 'kinds', list: spec.kinds }], 'a message kind');
  },
  faultyReplicas: (spec) => spec.replicas,
  byzantineBehaviour(spec) {
    const kinds = new Set(spec.kinds);
    return {
      mode: 'delay',
      holdsOutgoing: (_to, msg, nowUs) => (isActive(spec, nowUs) && (kinds.size === 0 || kinds.has(messageKind(msg))) ? spec.delay : undefined),
    };
  },
});
