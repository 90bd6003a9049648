/** The attack plan of a scenario, for the run models (undefined when the scenario has no attacks). */
import type { Scenario } from '../scenario/schema.ts';
import { planAttacks, type AttackPlan } from './plan.ts';

/**
 * `clients` is how many client hosts the model places (load clients or gateways); `maxFaulty` is
 * what the scenario's protocol tolerates with its replica count (ProtocolModule.maxFaulty).
 */
export function attackPlanFor(scenario: Scenario, clients: number, maxFaulty: number): AttackPlan | undefined {
  if (scenario.attacks.length === 0) return undefined;
  return planAttacks(scenario.attacks, { replicas: scenario.consensus.nodes, clients, maxFaulty });
}
