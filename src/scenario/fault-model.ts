/**
 * Whether a scenario stays inside its protocol's fault model, as the protocol's definition states
 * it (`faultModel.maxFaulty`, `faultModel.rule`; src/protocols/*). Running outside the model is an
 * input error: the results would say nothing about the protocol.
 */
import type { FaultModel, ProtocolDefinition } from '../protocols/definition.ts';

export interface FaultModelViolation {
  readonly expected: string;
  readonly found: string;
}

/** Largest replica count a scenario may ask for (`consensus.nodes`). */
const NODES_MAX = 10_000;

/** The fewest replicas with which `model` tolerates `faulty` faulty ones, as text. */
function nodesNeeded(model: FaultModel, faulty: number): string {
  for (let n = faulty + 1; n <= NODES_MAX; n++) if (model.maxFaulty(n) >= faulty) return `at least ${n} nodes`;
  return `more than ${NODES_MAX} nodes`;
}

/** `faulty` is the number of replicas the scenario declares faulty or Byzantine. */
export function checkFaultModel(protocol: ProtocolDefinition | undefined, nodes: number, faulty: number): FaultModelViolation | undefined {
  const model = protocol?.faultModel;
  if (model === undefined || faulty <= model.maxFaulty(nodes)) return undefined;
  return {
    expected: `a scenario inside the ${model.kind} fault model of ${protocol!.name} (${model.rule}: ${faulty} faulty need ${nodesNeeded(model, faulty)})`,
    found: `${nodes} nodes with ${faulty} faulty (outside the fault model)`,
  };
}
