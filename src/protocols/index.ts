/**
 * The protocol registry. Each protocol adds one import and one entry; the run model and
 * `iomtsim list protocols` read it.
 */
import { pbft } from './pbft/index.ts';
import { raft } from './raft/index.ts';
import { hotstuff } from './hotstuff/index.ts';
import { poa } from './poa/index.ts';
import { pow } from './pow/index.ts';
import type { ProtocolModule } from './types.ts';

export const PROTOCOLS: readonly ProtocolModule[] = [pbft, raft, hotstuff, poa, pow];

/** The module named `name`, or undefined when no protocol of that name is registered. */
export function protocolByName(name: string): ProtocolModule | undefined {
  return PROTOCOLS.find((p) => p.name === name);
}
