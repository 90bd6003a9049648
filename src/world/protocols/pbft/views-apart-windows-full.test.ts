/**
 * The configuration iomtsim fuzz found (n = 4, replica 0 crashed, cuts following each new leader
 * for 34 s): the three correct replicas ended the fault phase in three views, two of them active
 * primaries whose batches nobody prepared, and nothing committed for 110 s. A primary whose oldest
 * batch does not execute within the view-change timeout now reports its view, and the primary of
 * the later view answers with its NEW-VIEW.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('PBFT with correct replicas in three views after a fault phase', () => {
  itCommitsAgainAndStaysSafe('pbft-views-apart-windows-full');
});
