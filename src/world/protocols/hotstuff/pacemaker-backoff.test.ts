/**
 * HotStuff's view timeout doubles until a newer QC is seen, not until the next proposal. In the
 * configuration iomtsim fuzz found (n = 8, a partition that split the replicas' timers), 3
 * replicas timed out of each view just before its leader proposed, so each proposal gathered 5 of
 * the 6 votes a QC needs; as every proposal reset the timeout, the groups never overlapped again.
 */
import { describe, expect, it } from 'vitest';
import { findingVerdicts } from '../../testing/fuzz-finding.ts';

describe('HotStuff with replicas whose views are out of step', () => {
  it('commits again after the fault phase (liveness holds) and stays safe', async () => {
    const verdict = await findingVerdicts('hotstuff-views-out-of-step');
    expect(verdict['liveness']).toMatch(/^true/);
    expect(verdict['safety']).toMatch(/^true/);
    expect(verdict['validity']).toMatch(/^true/);
  }, 60_000);
});
