/**
 * Raft through the consensus-only world and its checkers (safety, liveness, validity, state
 * agreement), across 200 seeds with random delays and no faults: every check passes and every
 * submitted request is confirmed to its client.
 */
import { describeAcrossSeeds } from '../../testing/across-seeds-suite.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const scenario = (nodes: number) =>
  consensusScenario({
    duration: '3s',
    network: { latency: { kind: 'exponential', mean: '8ms', shift: '1ms' } },
    consensus: { protocol: 'raft', nodes, batchSize: 4, batchTimeout: '10ms', livenessBound: '1s' },
    workload: { clients: 2, rateTps: 100, stopAfter: '2s' },
  });

describeAcrossSeeds('Raft', scenario, [3, 5, 7]);
