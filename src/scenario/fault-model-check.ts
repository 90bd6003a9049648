/**
 * The scenario-level fault-model check: counts the replicas the scenario makes faulty (crashed or
 * Byzantine, from its `attacks:`) and asks fault-model.ts whether the protocol tolerates that many.
 * Only the attacks that act in the run count (acting-attacks.ts, the rule the world is built by): one
 * whose window opens at or after the end is left out of the world, so the run is inside the model
 * whenever the run without it would be.
 * `allowOutsideFaultModel: true` runs it anyway, for experiments that show what breaks.
 */
import type { AnyAttackDefinition, ReplicaTarget } from '../attacks/definition.ts';
import { ATTACK_REGISTRY, attackDefinition } from '../attacks/registry.ts';
import type { Scenario } from './schema.ts';
import { IN_TREE_REGISTRIES, protocolIn, type Registries } from '../plugins/registries.ts';
import { checkFaultModel } from './fault-model.ts';
import { actingAttacks, attackActs } from './acting-attacks.ts';

export interface ScenarioFaultIssue {
  readonly path: readonly PropertyKey[];
  readonly expected: string;
  readonly found: string;
}

/** An attack as the check reads it: its type names the definition that says which replicas it makes faulty. */
interface AttackLike {
  readonly type: string;
  readonly start: number;
}

/** Distinct faulty replicas over the whole run, as each attack's definition names them ('leader' counts as one). */
export function declaredFaultyReplicas(attacks: readonly Pick<AttackLike, 'type'>[], registry: readonly AnyAttackDefinition[] = ATTACK_REGISTRY): number {
  const faulty = new Set<ReplicaTarget>();
  for (const attack of attacks) for (const r of attackDefinition(attack.type, registry)?.faultyReplicas?.(attack as never) ?? []) faulty.add(r);
  return faulty.size;
}

export function checkScenarioFaultModel(scenario: Scenario, registries: Registries = IN_TREE_REGISTRIES): ScenarioFaultIssue[] {
  const protocol = protocolIn(registries, scenario.consensus.protocol);
  // Not a fault experiment: below its minimum the model does not run at all.
  const min = protocol?.minNodes;
  if (min !== undefined && scenario.consensus.nodes < min.count) {
    return [{ path: ['consensus', 'nodes'], expected: `at least ${min.count} nodes for ${protocol!.name} (${min.why})`, found: `${scenario.consensus.nodes}` }];
  }
  if (scenario.allowOutsideFaultModel) return [];
  // The attacks section is optional in the schema's evolution; read it structurally.
  const attacks = (scenario as { attacks?: readonly AttackLike[] }).attacks ?? [];
  const byzantine = byzantineOnCrashProtocol(attacks, scenario.duration, protocol, registries.attacks);
  if (byzantine !== undefined) return [byzantine];
  const faulty = declaredFaultyReplicas(actingAttacks(attacks, scenario.duration), registries.attacks);
  const violation = checkFaultModel(protocol, scenario.consensus.nodes, faulty);
  return violation ? [{ path: ['consensus', 'nodes'], ...violation }] : [];
}

/**
 * The first acting attack that makes replicas Byzantine where the protocol tolerates crashes only:
 * however few, they are outside its model (a Raft leader that equivocates commits conflicting
 * entries or serves no client while every check passes).
 */
function byzantineOnCrashProtocol(attacks: readonly AttackLike[], durationUs: number, protocol: ReturnType<typeof protocolIn>, registry: readonly AnyAttackDefinition[]): ScenarioFaultIssue | undefined {
  if (protocol === undefined || protocol.faultModel.kind !== 'crash') return undefined;
  const i = attacks.findIndex((a) => attackActs(a, durationUs) && attackDefinition(a.type, registry)?.byzantine === true);
  if (i < 0) return undefined;
  return {
    path: ['attacks', i, 'type'],
    expected: `an attack inside the crash fault model of ${protocol.name} (crashed, silent or slow replicas; a Byzantine one sends what the protocol forbids; allowOutsideFaultModel: true runs it anyway)`,
    found: `'${attacks[i]!.type}', which makes replicas Byzantine`,
  };
}
