/**
 * Chained HotStuff through the consensus-only world and its checkers (safety, liveness, validity, state
 * agreement), across 200 seeds with random delays and no faults: every check passes and every
 * submitted request is confirmed to its client.
 */
import { describeAcrossSeeds } from '../../testing/across-seeds-suite.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const scenario = (nodes: number) =>
  consensusScenario({
    duration: '2500ms',
    network: { latency: { kind: 'exponential', mean: '8ms', shift: '1ms' } },
    consensus: { protocol: 'hotstuff', nodes, batchSize: 8, livenessBound: '1s', hotstuff: { viewTimeout: '300ms' } },
    workload: { clients: 2, rateTps: 100, stopAfter: '1500ms' },
  });

describeAcrossSeeds('Chained HotStuff', scenario, [4, 5, 7]);
