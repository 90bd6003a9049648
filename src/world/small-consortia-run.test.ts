/**
 * The smallest consortia, where quorums degenerate (f = 0; at n = 1 a quorum is the replica
 * itself): every in-tree protocol commits the offered load with every check passing, at each n
 * from its fewest replicas (definition.ts `minNodes`) to 3.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const CASES = [
  { protocol: 'pbft', nodes: [1, 2, 3], settings: {} },
  { protocol: 'hotstuff', nodes: [2, 3], settings: {} },
  { protocol: 'raft', nodes: [1, 2, 3], settings: {} },
  // Clique as scenarios/poa.yaml runs it: a block every 2 s, committed when sealed.
  { protocol: 'poa', nodes: [1, 2, 3], settings: { batchSize: 1000, poa: { period: '2s', wiggle: '500ms', confirmations: 0 } } },
] as const;

describe('the smallest consortia', () => {
  for (const { protocol, nodes, settings } of CASES) {
    for (const n of nodes) {
      it(`${protocol} at n = ${n} commits what is offered, every check passing`, () => {
        const scenario = consensusScenario({
          duration: protocol === 'poa' ? '30s' : '6s',
          warmup: '1s',
          network: { latency: { kind: 'normal', mean: '10ms', sd: '2ms', min: '4ms' } },
          consensus: { protocol, nodes: n, batchSize: 20, batchTimeout: '50ms', ...settings },
          workload: { rateTps: 100, clients: 2 },
        } as never);
        const out = runConsensusWorld(scenario, 5);
        expect(out.checks.filter((c) => !c.passed)).toEqual([]);
        const offered = out.metrics['consensus.offered_tps']!.value;
        expect(out.metrics['consensus.throughput_tps']!.value).toBeGreaterThan(0.8 * offered);
      });
    }
  }
});
