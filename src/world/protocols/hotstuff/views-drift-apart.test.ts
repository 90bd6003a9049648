/**
 * The configuration iomtsim fuzz found at n = 16: after the fault phase the correct replicas sat in
 * three views whose timers expired together, none a quorum, and nothing committed for the rest of
 * the run. A replica now sends its NEW-VIEW to every replica and enters a view only on a quorum of
 * them (or a QC or proposal that moves it on).
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('HotStuff with correct replicas in three views after a fault phase (n = 16)', () => {
  itCommitsAgainAndStaysSafe('hotstuff-views-drift-apart');
});
