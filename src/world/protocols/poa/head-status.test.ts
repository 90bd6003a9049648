/**
 * A Clique signer whose head stays put announces it, and a signer with a lighter chain fetches
 * the heavier one. In the configuration iomtsim fuzz found (n = 4, period 244 ms), signers 1 and 3
 * held the heaviest chain but had signed its last two blocks (the signer limit bars both), while
 * signers 0 and 2, each on its own one-block fork, had never received it: nobody could seal, so
 * no block gossip could lead 0 and 2 to the chain, and nothing committed again.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('Clique when the signers that may extend the heaviest chain never received it', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const verdict = await findingVerdicts('clique-unknown-heavier-chain');
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
