/**
 * A HotStuff replica that synchronises after a long fault phase fetches only where the chain it
 * holds is broken. In the configuration iomtsim fuzz found (n = 7, 10 Mbps, a 39 s fault phase),
 * each node of a synchronisation reply asked again for its parent, which was still on its way: the
 * replies filled the lagging replica's downlink and its peers' uplinks, and no replica committed
 * during the 30 s calm phase.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('HotStuff synchronising a replica far behind', () => {
  itCommitsAgainAndStaysSafe('hotstuff-fetch-storm');
});
