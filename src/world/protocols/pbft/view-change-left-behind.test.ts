/**
 * The configuration iomtsim fuzz found (n = 5, replica 1 silent, loss bursts until 3 s): replica 0
 * moved to view 2 alone after its VIEW-CHANGE for view 1 was lost to the others, who held three of
 * the four that view needs, and nothing committed after 3 s. A replica hearing a VIEW-CHANGE for
 * an earlier view now answers with its own for that view.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('PBFT replicas split between two views after a fault phase', () => {
  itCommitsAgainAndStaysSafe('pbft-view-change-left-behind');
});
