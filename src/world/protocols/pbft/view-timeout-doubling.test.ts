/**
 * PBFT's view-change timeout doubles until a view executes something new (Castro & Liskov §4.5.2),
 * not merely until a NEW-VIEW arrives. In the configuration iomtsim fuzz found (n = 8 at 10 Mbps,
 * 661 ms timeout), redoing O after each view change took longer than 661 ms, and with the timeout
 * reset on entering each view the replicas changed view for ever without executing anything.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../../testing/run.ts';
import { loadScenarioAsync } from '../../../scenario/load.ts';

const FINDING = fileURLToPath(new URL('../../../../docs/fuzz-findings/pbft-view-timeout-reset.yaml', import.meta.url));

describe('PBFT when a view takes longer than the timeout to get going', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const { scenario } = await loadScenarioAsync(FINDING);
    const out = runConsensusWorld(scenario, scenario.seed);
    const verdict = Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
