/**
 * A VIEW-CHANGE's prepared certificates carry pre-prepares without their requests (Castro & Liskov
 * §4.4), so its size does not grow with the batches. In the configuration iomtsim fuzz found
 * (n = 7 at 10 Mbps, about 50 prepared batches of 4 requests of 961 B), charging each batch in full
 * made every VIEW-CHANGE about 1.2 MB to multicast; view changes after the fault phase outlasted
 * their timers and nothing executed for the rest of the run.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../../testing/run.ts';
import { loadScenarioAsync } from '../../../scenario/load.ts';

const FINDING = fileURLToPath(new URL('../../../../docs/fuzz-findings/pbft-view-change-size.yaml', import.meta.url));

describe('PBFT view changes with many prepared batches over a slow network', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const { scenario } = await loadScenarioAsync(FINDING);
    const out = runConsensusWorld(scenario, scenario.seed);
    const verdict = Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
