/**
 * Clique breaks ties in total difficulty as geth does (the lower block, else a coin flip), not by
 * keeping the block seen first. In the configuration iomtsim fuzz found (n = 4, signer 2 down for
 * good), signers 0 and 1 kept the fork 1:1, 2:0 and signer 3 its own sibling 1:1, 2:3 of equal
 * difficulty; the signer limit let only 2 or 3 extend the first and only 0 or 2 the second, so
 * nobody sealed and nothing committed again (the deadlock geth's shouldPreserve comment describes).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../../testing/run.ts';
import { loadScenarioAsync } from '../../../scenario/load.ts';

const FINDING = fileURLToPath(new URL('../../../../docs/fuzz-findings/clique-equal-difficulty-deadlock.yaml', import.meta.url));

describe('Clique with sibling forks of equal total difficulty', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const { scenario } = await loadScenarioAsync(FINDING);
    const out = runConsensusWorld(scenario, scenario.seed);
    const verdict = Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
