/**
 * PBFT keeps safety against equivocators at every n from 4 to 13, not only at n = 3f + 1: its
 * certificates hold q = ⌈(n + f + 1)/2⌉ messages (protocols/fault-bounds.ts). The suite and its
 * reasoning are in world/testing/equivocation-sweep.ts.
 */
import { makePbftModule } from '../../../protocols/pbft/index.ts';
import { describeEquivocationSweep } from '../../testing/equivocation-sweep.ts';

describeEquivocationSweep('pbft', makePbftModule({ quorum: (_n, f) => 2 * f + 1 }));
