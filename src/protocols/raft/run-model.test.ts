/**
 * Raft through the consensus run model and its checkers (safety, liveness, validity, state
 * agreement), across 200 seeds with random delays and no faults: every check passes and every
 * submitted request is confirmed to its client.
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../sim/index.ts';
import { runConsensusScenario } from '../../runner/models/consensus.ts';
import { consensusScenario } from '../../runner/models/test-scenario.ts';

const scenario = (nodes: number) =>
  consensusScenario({
    duration: '3s',
    network: { latency: { kind: 'exponential', mean: '8ms', shift: '1ms' } },
    consensus: { protocol: 'raft', nodes, batchSize: 4, batchTimeout: '10ms', livenessBound: '1s' },
    workload: { clients: 2, rateTps: 100, stopAfter: '2s' },
  });

describe('Raft across 200 seeds through the run model', () => {
  it('passes every checker and confirms every request', () => {
    const scenarios = [scenario(3), scenario(5), scenario(7)];
    for (let seed = 1; seed <= 200; seed++) {
      let submitted = 0;
      const count = (_h: number, e: ModelEvent) => { if (e.kind === 'submit') submitted++; };
      const out = runConsensusScenario(scenarios[seed % 3]!, seed, { observers: [count] });
      const failed = out.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
      expect(failed, `seed ${seed}`).toEqual([]);
      expect(submitted, `seed ${seed}`).toBeGreaterThan(100);
      expect(out.metrics['consensus.confirmed_txs']!.value, `seed ${seed}`).toBe(submitted);
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
