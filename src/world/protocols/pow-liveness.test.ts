/**
 * Proof of work owes no bound on the time between commits (block intervals are exponential), so a
 * run checks its liveness only against a bound the scenario states.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../testing/run.ts';
import { consensusScenario } from '../testing/scenarios.ts';

const scenario = (livenessBound?: string) =>
  consensusScenario({
    duration: '60s',
    consensus: { protocol: 'pow', nodes: 4, ...(livenessBound === undefined ? {} : { livenessBound }), pow: { blockInterval: '5s', confirmations: 1 } },
    workload: { clients: 1, rateTps: 2 },
  });

describe('liveness of a proof-of-work run', () => {
  it('is not checked, and not reported, without a stated bound', () => {
    const out = runConsensusWorld(scenario(), 1);
    expect(out.checks.map((c) => c.name)).not.toContain('liveness');
    expect(out.metrics['liveness.violations']).toBeUndefined();
    expect(out.metrics['consensus.confirmed_txs']!.value).toBeGreaterThan(0);
  });

  it('is checked against a stated bound, and fails where blocks come slower', () => {
    const out = runConsensusWorld(scenario('1s'), 1);
    expect(out.checks.find((c) => c.name === 'liveness')!.passed).toBe(false);
    expect(out.metrics['liveness.violations']!.value).toBeGreaterThan(0);
  });
});
