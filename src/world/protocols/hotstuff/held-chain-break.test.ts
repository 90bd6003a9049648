/**
 * A HotStuff replica that synchronises after a long partition fetches where the chain it holds is
 * broken, below the held nodes, and asks again for a node it had to drop. In the configuration
 * iomtsim fuzz found (n = 3, the leader cut off for 34 s), more nodes were missing than a replica
 * holds while their ancestors come; the chain broke for good, the replica failed as leader every
 * third view, and nothing committed after the partition healed.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('HotStuff synchronising a replica cut off for longer than its held nodes cover', () => {
  itCommitsAgainAndStaysSafe('hotstuff-held-chain-break');
});
