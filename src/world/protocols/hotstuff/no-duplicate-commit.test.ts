/**
 * A HotStuff proposer leaves out transactions already in the uncommitted branch it extends. The
 * configuration iomtsim fuzz found (n = 9, partitions, leader crashes, 242 ms view timeouts) had a
 * transaction carried by an abandoned fork and by a pending ancestor; the fork's pruning put it
 * back in the pool and the next leader proposed it again, so 16 transactions committed twice.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioAsync } from '../../../scenario/load.ts';
import { runConsensusWorld } from '../../testing/run.ts';

const FINDING = fileURLToPath(new URL('../../../../docs/fuzz-findings/hotstuff-duplicate-commit.yaml', import.meta.url));

describe('HotStuff under the fuzzer-found schedule', () => {
  it('commits no transaction twice (validity holds) and stays safe and live', async () => {
    const { scenario } = await loadScenarioAsync(FINDING);
    const out = runConsensusWorld(scenario, scenario.seed);
    const verdict = Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
    expect(verdict['validity']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['liveness']).toMatch(/^true/);
  }, 60_000);
});
