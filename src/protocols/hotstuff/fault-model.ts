/** Chained HotStuff's fault model (Yin et al., PODC 2019), read by its replicas and by the scenario check. */
import type { FaultModel } from '../definition.ts';
import { byzantineMaxFaulty, byzantineQuorum } from '../fault-bounds.ts';

export const HOTSTUFF_FAULT_MODEL: FaultModel = {
  kind: 'byzantine',
  rule: 'n ≥ 3f + 1',
  maxFaulty: byzantineMaxFaulty,
  // A quorum certificate, and the NEW-VIEWs a leader collects to start a view (Algorithm 5), hold
  // q = ⌈(n + f + 1)/2⌉ messages. The paper states n − f for n = 3f + 1 (§3), where the two agree;
  // its safety argument (§4.4, Lemma 1) needs only that two quorums share a correct replica, which
  // q gives at any n (fault-bounds.ts), with fewer votes than n − f where n ≠ 3f + 1.
  quorum: byzantineQuorum,
  // A client accepts a result once f + 1 replicas report it: at least one is honest.
  repliesNeeded: (n) => byzantineMaxFaulty(n) + 1,
};
