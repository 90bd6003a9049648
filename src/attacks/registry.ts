/**
 * The attack registry: one line per in-tree attack. The scenario's `attacks:` union, `iomtsim list
 * attacks`, the category a run model selects by, the fault-model check and the liveness checker
 * all read it. A plug-in attack is one more definition in a list handed to `planAttacks`.
 */
import type { z } from 'zod';
import { attackSpecSchema, type AnyAttackDefinition } from './definition.ts';
import { parameterDocs, type ParameterDoc } from './parameter-docs.ts';
import { crash } from './engine/crash.ts';
import { partition } from './network/partition.ts';
import { eclipse } from './network/eclipse.ts';
import { leaderDelay } from './network/leader-delay.ts';
import { leaderDos } from './network/leader-dos.ts';
import { leaderIsolation } from './network/leader-isolation.ts';
import { equivocation } from './byzantine/equivocation.ts';
import { silence } from './byzantine/silence.ts';
import { censorship } from './byzantine/censorship.ts';
import { delayVotes } from './byzantine/delay-votes.ts';
import { staleQc } from './byzantine/stale-qc.ts';
import { sybil } from './iomt/sybil.ts';
import { tamper } from './iomt/tamper.ts';
import { replay } from './iomt/replay.ts';
import { flood } from './iomt/flood.ts';
import { compromisedGateway } from './iomt/compromised-gateway.ts';
import { recordTamper } from './iomt/record-tamper.ts';
import { ransomware } from './iomt/ransomware.ts';
import { consentBypass } from './iomt/consent-bypass.ts';
import { stolenKey } from './iomt/stolen-key.ts';
import { consentMisuse } from './iomt/consent-misuse.ts';
import { insider } from './iomt/insider.ts';
import { phiLeak } from './iomt/phi-leak.ts';
import { auditBypass } from './iomt/audit-bypass.ts';
import { selfishMining } from './pow/selfish-mining.ts';
import { doubleSpend } from './pow/double-spend.ts';
import { majority } from './pow/majority.ts';

/**
 * In-tree attacks. The order is the order of the scenario union, of `iomtsim list attacks`, of a
 * Byzantine replica's modes in its ground-truth label, and in which device attacks with shared
 * hosts install them (stolen-key, consent-misuse, insider, audit-bypass: host ids depend on it).
 */
export const IN_TREE_ATTACKS = [
  crash, partition, eclipse, leaderDelay, leaderDos, leaderIsolation,
  equivocation, silence, censorship, delayVotes, staleQc,
  sybil, tamper, replay, flood, compromisedGateway, recordTamper, ransomware, consentBypass, stolenKey, consentMisuse, insider, phiLeak, auditBypass,
  selfishMining, doubleSpend, majority,
] as const;

/** The registry a plan is built from when none is given. */
export const ATTACK_REGISTRY: readonly AnyAttackDefinition[] = IN_TREE_ATTACKS as unknown as readonly AnyAttackDefinition[];

/** The definition of `type` in `registry`, or undefined. */
export function attackDefinition(type: string, registry: readonly AnyAttackDefinition[] = ATTACK_REGISTRY): AnyAttackDefinition | undefined {
  return registry.find((d) => d.type === type);
}

/** An attack as `iomtsim list attacks` and docs show it, derived from its definition. */
export interface AttackDoc {
  readonly type: string;
  readonly title: string;
  readonly category: AnyAttackDefinition['category'];
  readonly targets: string;
  readonly model: string;
  readonly parameters: readonly ParameterDoc[];
  readonly outcomes: readonly string[];
}

export function attackDocOf(d: AnyAttackDefinition): AttackDoc {
  const shape = attackSpecSchema(d).shape as unknown as Record<string, z.ZodType>;
  const { type: _type, ...fields } = shape;
  return {
    type: d.type,
    title: d.title,
    category: d.category,
    targets: d.targets,
    model: d.model,
    parameters: parameterDocs(fields, d.windowMeanings ?? {}),
    outcomes: d.outcomes,
  };
}

export const ATTACKS: readonly AttackDoc[] = ATTACK_REGISTRY.map(attackDocOf);

export function attackDoc(type: string): AttackDoc | undefined {
  return ATTACKS.find((a) => a.type === type);
}
