/**
 * Equivocation through the attack layer (scenario `attacks:`): a Byzantine primary proposes different
 * batches to two halves of the honest replicas. With f = 1 of n = 4 faulty, quorum intersection
 * (Castro & Liskov 1999, §4.2: any two quorums, 2f + 1 = 3 of 4 here, share an honest replica;
 * equivocation-every-n.test.ts covers n = 4..13) keeps the honest
 * replicas in agreement and a view change restores progress. With two equivocators out of four
 * (f ≥ n/3) the assumption fails and the safety checker sees the honest replicas diverge.
 */
import { describe, expect, it } from 'vitest';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';

const base = {
  duration: '10s',
  allowOutsideFaultModel: true,
  network: { latency: { kind: 'uniform' as const, min: '2ms', max: '10ms' } },
  consensus: { nodes: 4, batchSize: 4, batchTimeout: '20ms', livenessBound: '5s', pbft: { viewChangeTimeout: '300ms' } },
  workload: { clients: 2, rateTps: 60, requestTimeout: '500ms' },
};

describe('PBFT against an equivocating primary', () => {
  it.each([1, 2, 3])('stays safe and live with f = 1 equivocator (seed %i)', (seed) => {
    const scenario = consensusScenario({ ...base, attacks: [{ type: 'equivocation', start: '1s', replicas: [0] }] });
    const out = runConsensusWorld(scenario, seed);
    expect(out.checks.filter((c) => !c.passed)).toEqual([]);
    expect(out.metrics['consensus.committed_txs']!.value).toBeGreaterThan(300);
  });

  it('loses safety with two equivocators among four replicas, and the checker says so', () => {
    const scenario = consensusScenario({ ...base, attacks: [{ type: 'equivocation', start: '1s', replicas: [0, 1], sideA: [2] }] });
    const out = runConsensusWorld(scenario, 1);
    expect(out.checks.find((c) => c.name === 'safety')!.passed).toBe(false);
    expect(out.metrics['safety.violations']!.value).toBeGreaterThan(0);
  });
});
