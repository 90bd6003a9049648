/**
 * The fields every proof-of-work attack shares: one designated node runs an attacker's miner with
 * the given share of all hash power; outside [start, end) it mines honestly.
 */
import { z } from 'zod';
import type { TargetIssues } from '../definition.ts';
import type { AttackTargetsSizes } from '../types.ts';
import type { PowAttackSpec } from './run.ts';
import { param, zOrdinal } from '../params.ts';

export const ATTACKER_FIELDS = {
  node: param(zOrdinal.default(0), 'The attacking PoW node (a replica index).', 'replica index'),
  share: param(z.number().gt(0).lt(1), "The attacker's share of all hash power (α or q).", 'number in (0, 1)'),
  outboundPeers: param(z.number().int().min(1).optional(), "The attacker's outbound connections: more wins more ties (higher effective γ).", 'integer', 'consensus.pow.outboundPeers'),
  relayRivalBlocks: param(
    z.boolean().optional(),
    "Whether the attacker relays other miners' blocks while it attacks, as honest nodes do (true), or keeps them from its peers (false), so that in a tie they hear only its own block from it: a higher effective γ.",
    'boolean',
    'true',
  ),
};

export const ATTACKER_WINDOW = {
  start: 'When the node starts withholding (it mines honestly before).',
  end: 'When it publishes what it holds and mines honestly again.',
};

interface AttackerSpec {
  readonly start: number;
  readonly end?: number | undefined;
  readonly node: number;
  readonly share: number;
  readonly outboundPeers?: number | undefined;
  readonly relayRivalBlocks?: boolean | undefined;
}

/** The fields of a run's attacker (src/attacks/pow/run.ts) every PoW attack fills alike. */
export function attackerOf(spec: AttackerSpec): Pick<PowAttackSpec, 'node' | 'share' | 'startUs' | 'endUs' | 'outboundPeers' | 'relayRivalBlocks'> {
  return {
    node: spec.node,
    share: spec.share,
    startUs: spec.start,
    ...(spec.end === undefined ? {} : { endUs: spec.end }),
    ...(spec.outboundPeers === undefined ? {} : { outboundPeers: spec.outboundPeers }),
    ...(spec.relayRivalBlocks === undefined ? {} : { relayRivalBlocks: spec.relayRivalBlocks }),
  };
}

/** The attacking node must be one of the network's nodes (a PoW run's replicas are its nodes). */
export function checkAttackerNode(spec: { readonly node: number }, sizes: AttackTargetsSizes, issues: TargetIssues): void {
  issues.index('node', spec.node, sizes.replicas, 'a node index');
}
