/**
 * Chained HotStuff keeps safety against equivocators at every n from 4 to 13: its QCs hold
 * q = ⌈(n + f + 1)/2⌉ votes (protocols/fault-bounds.ts). Leaders rotate every view, so an honest
 * leader's proposal, sent to every replica, pulls both halves of a split brain onto one chain; only
 * with the honest halves partitioned (asynchrony) can two chains grow, which is why the sweep's
 * attacks come with a partition (world/testing/equivocation-sweep.ts).
 */
import { makeHotStuffModule } from '../../../protocols/hotstuff/index.ts';
import { describeEquivocationSweep } from '../../testing/equivocation-sweep.ts';

describeEquivocationSweep('hotstuff', makeHotStuffModule({ quorum: (_n, f) => 2 * f + 1 }));
