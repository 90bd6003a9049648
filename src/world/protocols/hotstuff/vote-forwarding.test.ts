/**
 * A HotStuff vote forwards at most one batch of transactions to the next leader. In the
 * configuration iomtsim fuzz found (n = 8 at 10 Mbps, batches of 3, a backlog after the fault
 * phase), every vote carried 531 transactions of 987 B; the next leader took 3 s to receive the
 * votes for one view, past every view timeout, and no QC formed again.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('HotStuff with a backlog over a slow network', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const verdict = await findingVerdicts('hotstuff-vote-forwarding');
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
