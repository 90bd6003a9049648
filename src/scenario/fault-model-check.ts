/**
 * The scenario-level fault-model check: counts the replicas the scenario makes faulty (crashed or
 * Byzantine, from its `attacks:`) and asks fault-model.ts whether the protocol tolerates that many.
 * `allowOutsideFaultModel: true` runs it anyway, for experiments that show what breaks.
 */
import type { Scenario } from './schema.ts';
import { checkFaultModel } from './fault-model.ts';

export interface ScenarioFaultIssue {
  readonly path: readonly PropertyKey[];
  readonly expected: string;
  readonly found: string;
}

/** Attack fields that name faulty replicas: crash and every Byzantine behaviour use `replicas`. */
interface ReplicaTargeting {
  readonly type: string;
  readonly replicas?: readonly number[] | 'leader';
}

/** Distinct faulty replicas over the whole run ('leader' counts as one). */
export function declaredFaultyReplicas(attacks: readonly ReplicaTargeting[]): number {
  const faulty = new Set<number | 'leader'>();
  for (const attack of attacks) {
    if (attack.replicas === 'leader') faulty.add('leader');
    else for (const r of attack.replicas ?? []) faulty.add(r);
  }
  return faulty.size;
}

export function checkScenarioFaultModel(scenario: Scenario): ScenarioFaultIssue[] {
  if (scenario.allowOutsideFaultModel) return [];
  // The attacks section is optional in the schema's evolution; read it structurally.
  const attacks = (scenario as { attacks?: readonly ReplicaTargeting[] }).attacks ?? [];
  const faulty = declaredFaultyReplicas(attacks);
  const violation = checkFaultModel(scenario.consensus.protocol, scenario.consensus.nodes, faulty);
  return violation ? [{ path: ['consensus', 'nodes'], ...violation }] : [];
}
