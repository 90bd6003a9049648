/** PBFT's fault model (Castro & Liskov, OSDI 1999), read by its replicas and by the scenario check. */
import type { FaultModel } from '../definition.ts';
import { byzantineMaxFaulty, byzantineQuorum } from '../fault-bounds.ts';

export const PBFT_FAULT_MODEL: FaultModel = {
  kind: 'byzantine',
  rule: 'n ≥ 3f + 1',
  maxFaulty: byzantineMaxFaulty,
  // Every strong certificate has q = ⌈(n + f + 1)/2⌉ messages (2f + 1 at n = 3f + 1): prepared and
  // committed (§4.2), a stable checkpoint (§4.3), the VIEW-CHANGEs a NEW-VIEW carries and the
  // prepared proofs inside them (§4.4). Two such certificates share a correct replica at any n
  // (fault-bounds.ts). Weak certificates of f + 1 (replies §4.1, joining a view change §4.5.2,
  // batches fetched by state transfer) need only one correct member and stay f + 1.
  quorum: byzantineQuorum,
  // §4.1: f + 1 matching replies, so at least one comes from a non-faulty replica.
  repliesNeeded: (n) => byzantineMaxFaulty(n) + 1,
};
