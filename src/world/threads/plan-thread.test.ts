import { describe, expect, it } from 'vitest';
import { consensusScenario } from '../testing/scenarios.ts';
import { planSplitsInThread } from './plan-thread.ts';
import { planSplit } from './run.ts';

/** Three regions, 2-3 ms inside each and 10-25 ms between; `floor` on the wide latencies. */
function scenario(nodes: number, floor: string) {
  const local = { kind: 'normal' as const, mean: '3ms', sd: '1ms', min: '2ms' };
  const wide = { kind: 'normal' as const, mean: '20ms', sd: '5ms', min: floor };
  return consensusScenario({
    duration: '2s',
    network: { regions: ['a', 'b', 'c'], latency: [[local, wide, wide], [wide, local, wide], [wide, wide, local]] },
    consensus: { protocol: 'pbft', nodes },
    workload: { rateTps: 10 },
  });
}

describe('planning splits in a thread of their own', () => {
  it('gives each scenario, in order, the plan or the problem planSplit gives in this thread', async () => {
    const scenarios = [scenario(5, '9ms'), scenario(7, '0ms'), scenario(9, '11ms')];
    const plans = await planSplitsInThread(scenarios, 3);
    expect(plans).toEqual(scenarios.map((s) => planSplit(s, s.seed, 3)));
    // One region a thread: the cuts lie between regions, the window is the wide floor.
    expect(plans.map((p) => ('problem' in p ? p.problem.path : p.lookaheadUs))).toEqual([9_000, 'network.latency.0.1', 11_000]);
  }, 60_000);
});
