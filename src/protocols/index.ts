/**
 * The protocol registry: one line per in-tree protocol. The scenario's `consensus:` section (its
 * `protocol` names, in this order, and one parameter block per protocol), the fault-model check,
 * `iomtsim list protocols`, docs/scenarios.md and the run models all read it.
 */
import { hotstuff } from './hotstuff/index.ts';
import { pbft } from './pbft/index.ts';
import { poa } from './poa/index.ts';
import { pow } from './pow/index.ts';
import { raft } from './raft/index.ts';
import type { ProtocolDefinition } from './definition.ts';

export const PROTOCOLS = [pbft, hotstuff, raft, poa, pow] as const;

export type ProtocolName = (typeof PROTOCOLS)[number]['name'];

/** The definition named `name`, or undefined when no protocol of that name is registered. */
export function protocolByName(name: string): ProtocolDefinition | undefined {
  return PROTOCOLS.find((p) => p.name === name);
}
