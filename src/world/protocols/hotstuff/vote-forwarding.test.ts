/**
 * A HotStuff vote forwards at most one batch of transactions to the next leader. In the
 * configuration iomtsim fuzz found (n = 8 at 10 Mbps, batches of 3, a backlog after the fault
 * phase), every vote carried 531 transactions of 987 B; the next leader took 3 s to receive the
 * votes for one view, past every view timeout, and no QC formed again.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../../testing/run.ts';
import { loadScenarioAsync } from '../../../scenario/load.ts';

const FINDING = fileURLToPath(new URL('../../../../docs/fuzz-findings/hotstuff-vote-forwarding.yaml', import.meta.url));

describe('HotStuff with a backlog over a slow network', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const { scenario } = await loadScenarioAsync(FINDING);
    const out = runConsensusWorld(scenario, scenario.seed);
    const verdict = Object.fromEntries(out.checks.map((c) => [c.name, `${c.passed} ${c.detail}`]));
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
