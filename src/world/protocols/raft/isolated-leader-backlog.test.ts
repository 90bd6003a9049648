/**
 * The configuration iomtsim fuzz found at n = 18: a leader cut off in a minority for most of a long
 * fault phase led on and appended every request that reached it, and the leader elected on that log
 * afterwards committed nothing for the rest of the run while it copied the backlog to a majority. A
 * leader now steps down when it has not heard from a majority for an election timeout.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('Raft after a leader isolated in a minority for most of the fault phase (n = 18)', () => {
  itCommitsAgainAndStaysSafe('raft-isolated-leader-backlog');
});
