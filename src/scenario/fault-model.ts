/**
 * Whether a scenario stays inside its protocol's fault model. Byzantine agreement needs
 * n ≥ 3f + 1 (Castro & Liskov 1999 §2; Yin et al. 2019 §3 for HotStuff); crash-fault replication
 * needs a majority, n ≥ 2f + 1 (Ongaro & Ousterhout 2014 §5; Clique/Aura proof-of-authority need
 * a majority of honest signers too). Nakamoto consensus bounds hash power, not node counts, so it
 * has no rule here. Running outside the model is an input error: the results would say nothing
 * about the protocol.
 *
 * The rule table mirrors ProtocolModule.faultModel; once the protocol registry exists this reads
 * `maxFaulty(n)` from it instead.
 */
type FaultModel = 'byzantine' | 'crash' | 'nakamoto';

const FAULT_MODEL: Record<string, FaultModel> = { pbft: 'byzantine', hotstuff: 'byzantine', raft: 'crash', poa: 'crash', pow: 'nakamoto' };

export function maxFaulty(protocol: string, nodes: number): number {
  switch (FAULT_MODEL[protocol]) {
    case 'byzantine': return Math.floor((nodes - 1) / 3);
    case 'crash': return Math.floor((nodes - 1) / 2);
    default: return nodes;
  }
}

export interface FaultModelViolation {
  readonly expected: string;
  readonly found: string;
}

/** `faulty` is the number of replicas the scenario declares faulty or Byzantine. */
export function checkFaultModel(protocol: string, nodes: number, faulty: number): FaultModelViolation | undefined {
  const model = FAULT_MODEL[protocol];
  if (model === undefined || model === 'nakamoto' || faulty === 0) return undefined;
  if (faulty <= maxFaulty(protocol, nodes)) return undefined;
  const rule = model === 'byzantine' ? 'n ≥ 3f + 1' : 'n ≥ 2f + 1';
  const needed = model === 'byzantine' ? 3 * faulty + 1 : 2 * faulty + 1;
  return {
    expected: `a scenario inside the ${model} fault model of ${protocol} (${rule}: ${faulty} faulty need at least ${needed} nodes)`,
    found: `${nodes} nodes with ${faulty} faulty (outside the fault model)`,
  };
}
