/** Chained HotStuff's fault model (Yin et al., PODC 2019), read by its replicas and by the scenario check. */
import type { FaultModel } from '../definition.ts';
import { byzantineMaxFaulty } from '../fault-bounds.ts';

export const HOTSTUFF_FAULT_MODEL: FaultModel = {
  kind: 'byzantine',
  rule: 'n ≥ 3f + 1',
  maxFaulty: byzantineMaxFaulty,
  // §3: a quorum certificate holds n − f votes.
  quorum: (n) => n - byzantineMaxFaulty(n),
  // A client accepts a result once f + 1 replicas report it: at least one is honest.
  repliesNeeded: (n) => byzantineMaxFaulty(n) + 1,
};
