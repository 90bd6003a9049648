/**
 * Chained HotStuff through the consensus run model and its checkers (safety, liveness, validity, state
 * agreement), across 200 seeds with random delays and no faults: every check passes and every
 * submitted request is confirmed to its client.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusScenario } from '../../runner/models/consensus.ts';
import { consensusScenario, runAcrossSeeds } from '../../runner/models/test-scenario.ts';

const scenario = (nodes: number) =>
  consensusScenario({
    duration: '2500ms',
    network: { latency: { kind: 'exponential', mean: '8ms', shift: '1ms' } },
    consensus: { protocol: 'hotstuff', nodes, batchSize: 8, livenessBound: '1s', hotstuff: { viewTimeout: '300ms' } },
    workload: { clients: 2, rateTps: 100, stopAfter: '1500ms' },
  });

describe('Chained HotStuff across 200 seeds through the run model', () => {
  it('passes every checker and confirms every request', () => {
    const scenarios = [scenario(4), scenario(5), scenario(7)];
    for (const o of runAcrossSeeds(scenarios, 200)) {
      expect(o.failedChecks, `seed ${o.seed}`).toEqual([]);
      expect(o.submitted, `seed ${o.seed}`).toBeGreaterThan(100);
      expect(o.confirmed, `seed ${o.seed}`).toBe(o.submitted);
    }
  });

  it('replays bit for bit: the same seed gives the same trace hash and metrics', () => {
    const a = runConsensusScenario(scenario(5), 42);
    const b = runConsensusScenario(scenario(5), 42);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.metrics).toEqual(a.metrics);
    expect(runConsensusScenario(scenario(5), 43).traceHash).not.toBe(a.traceHash);
  });
});
