/**
 * HotStuff's view timeout doubles until a newer QC is seen, not until the next proposal. In the
 * configuration iomtsim fuzz found (n = 8, a partition that split the replicas' timers), 3
 * replicas timed out of each view just before its leader proposed, so each proposal gathered 5 of
 * the 6 votes a QC needs; as every proposal reset the timeout, the groups never overlapped again.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../../testing/run.ts';
import { loadScenarioAsync } from '../../../scenario/load.ts';

const FINDING = fileURLToPath(new URL('../../../../docs/fuzz-findings/hotstuff-views-out-of-step.yaml', import.meta.url));

describe('HotStuff with replicas whose views are out of step', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const { scenario } = await loadScenarioAsync(FINDING);
    const out = runConsensusWorld(scenario, scenario.seed);
    const verdict = Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
