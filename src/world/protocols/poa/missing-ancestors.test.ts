/**
 * A Clique signer that cannot connect a block asks its sender for the missing ancestors. In the
 * configuration iomtsim fuzz found (n = 5, partitions {0, 2} | {1, 3}, signer 4 down for good),
 * signers 1 and 3 missed the blocks the other side sealed; after the partition healed they held
 * each new block for want of its parent, could not sign on their own chain (the signer limit), and
 * nothing committed for the rest of the run.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('Clique after a partition that hid blocks from some signers', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const verdict = await findingVerdicts('clique-missing-ancestors');
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
