/**
 * The configuration iomtsim fuzz found at n = 4: a forking leader split its view's votes between two
 * nodes, the next leader waited for a QC that could not form and its view timed out too, so with
 * round-robin leaders no three consecutive views were certified again and nothing committed. A
 * leader now proposes on its highest QC once the votes show that no QC can form.
 */
import { describe } from 'vitest';
import { itCommitsAgainAndStaysSafe } from '../../testing/fuzz-finding.ts';

describe('HotStuff after a forking leader splits its view\'s votes (n = 4)', () => {
  itCommitsAgainAndStaysSafe('hotstuff-split-votes-skip-next-leader');
});
