/**
 * A follower that knows no leader drops a client's request (Ongaro & Ousterhout §8): the client's
 * retransmission reaches the next leader. In the configuration iomtsim fuzz found (n = 9 at
 * 10 Mbps, a 35 s fault phase with no leader most of the time), followers that held every request
 * and retransmission sent about 12 MB of them to the new leader at once; queued in its downlink
 * ahead of the AppendEntries replies, they held up every commit past the liveness bound.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('Raft after a long leaderless fault phase over a slow network', () => {
  itCommitsAgainAndStaysSafe('raft-leaderless-request-flood');
});
