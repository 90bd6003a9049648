/** PBFT's fault model (Castro & Liskov, OSDI 1999), read by its replicas and by the scenario check. */
import type { FaultModel } from '../definition.ts';
import { byzantineMaxFaulty } from '../fault-bounds.ts';

export const PBFT_FAULT_MODEL: FaultModel = {
  kind: 'byzantine',
  rule: 'n ≥ 3f + 1',
  maxFaulty: byzantineMaxFaulty,
  // Prepared and committed certificates hold 2f + 1 messages (§4.2), with f = ⌊(n − 1)/3⌋.
  quorum: (n) => 2 * byzantineMaxFaulty(n) + 1,
  // §4.1: f + 1 matching replies, so at least one comes from a non-faulty replica.
  repliesNeeded: (n) => byzantineMaxFaulty(n) + 1,
};
