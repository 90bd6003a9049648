/**
 * The configuration iomtsim fuzz found at n = 24: accepting the NEW-VIEW of a view change cost every
 * backup 2.4 s of processor time checking again the VIEW-CHANGEs it had checked on receipt, and the
 * view was installed past the liveness bound. A backup now checks only those it does not hold.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('PBFT view change at n = 24 after a short lossy phase', () => {
  itCommitsAgainAndStaysSafe('pbft-view-change-checked-twice');
});
