/** Raft's fault model (Ongaro & Ousterhout, ATC 2014), read by its replicas and by the scenario check. */
import type { FaultModel } from '../definition.ts';
import { crashMaxFaulty, majority } from '../fault-bounds.ts';

export const RAFT_FAULT_MODEL: FaultModel = {
  kind: 'crash',
  rule: 'n ≥ 2f + 1',
  // §5: a majority must survive.
  maxFaulty: crashMaxFaulty,
  // §5.2, §5.3: elections and commits need a majority.
  quorum: majority,
  // §8: the leader answers once the entry is committed.
  repliesNeeded: () => 1,
};
