/**
 * A Clique signer fetches the head a peer announces when that chain is as heavy as its own, not
 * only when heavier, and the fork choice decides. In the configuration iomtsim fuzz found (n = 4,
 * partitions and loss, no crash), signers 0 and 1 held 1:1, 2:2, 3:0, 4:1 and signers 2 and 3 held
 * 1:1, 2:2, 3:3, both of total difficulty 6; the signer limit barred every signer from extending
 * the fork it followed, and the lower head, which geth's fork choice prefers, never reached 0 and 1.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('Clique with two stalled forks of equal total difficulty', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const verdict = await findingVerdicts('clique-fork-deadlock');
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
