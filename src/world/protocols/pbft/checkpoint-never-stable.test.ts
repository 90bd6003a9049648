/**
 * The configuration iomtsim fuzz found (n = 7, a 16 s fault phase): every replica reached the end
 * of its log window, but the CHECKPOINTs that would make the window move had been lost, and no
 * later view could order anything. A replica starting a view change now sends its unstable
 * CHECKPOINTs again.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('PBFT with a full log window and no stable checkpoint after a fault phase', () => {
  itCommitsAgainAndStaysSafe('pbft-checkpoint-never-stable');
});
