/**
 * Clique breaks ties in total difficulty as geth does (the lower block, else a coin flip), not by
 * keeping the block seen first. In the configuration iomtsim fuzz found (n = 4, signer 2 down for
 * good), signers 0 and 1 kept the fork 1:1, 2:0 and signer 3 its own sibling 1:1, 2:3 of equal
 * difficulty; the signer limit let only 2 or 3 extend the first and only 0 or 2 the second, so
 * nobody sealed and nothing committed again (the deadlock geth's shouldPreserve comment describes).
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('Clique with sibling forks of equal total difficulty', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const verdict = await findingVerdicts('clique-equal-difficulty-deadlock');
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
