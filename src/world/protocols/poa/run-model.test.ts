/**
 * Clique through the consensus-only world and its checkers across 200 seeds with random delays and
 * no faults: every check passes, every request is confirmed, and the PoA collector reports its
 * fork and stale metrics. The liveness bound covers the first commit, which waits for the first
 * block plus ⌊N/2⌋ + 1 confirmations: at most 5 periods of 500 ms for n ≤ 7, plus delays.
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../../sim/index.ts';
import { itReplaysBitForBit } from '../../testing/across-seeds-suite.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const scenario = (nodes: number) =>
  consensusScenario({
    duration: '8s',
    network: { latency: { kind: 'exponential', mean: '30ms', shift: '5ms' } },
    consensus: { protocol: 'poa', nodes, batchSize: 100, livenessBound: '3500ms', poa: { period: '500ms', wiggle: '100ms' } },
    workload: { clients: 2, rateTps: 10, stopAfter: '4s', requestTimeout: '30s' },
  });

describe('Clique across 200 seeds through the run model', () => {
  it('passes every checker, confirms every request and reports poa.fork_rate and poa.stale_blocks', () => {
    const scenarios = [scenario(4), scenario(5), scenario(7)];
    let staleTotal = 0;
    for (let seed = 1; seed <= 200; seed++) {
      let submitted = 0;
      const count = (_h: number, e: ModelEvent) => { if (e.kind === 'submit') submitted++; };
      const out = runConsensusWorld(scenarios[seed % 3]!, seed, { observers: [count] });
      const failed = out.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
      expect(failed, `seed ${seed}`).toEqual([]);
      expect(submitted, `seed ${seed}`).toBeGreaterThan(10);
      expect(out.metrics['consensus.confirmed_txs']!.value, `seed ${seed}`).toBe(submitted);
      expect(out.metrics['poa.fork_rate']!.value, `seed ${seed}`).toBeGreaterThanOrEqual(0);
      expect(out.metrics['poa.finality_violations']!.value, `seed ${seed}`).toBe(0);
      staleTotal += out.metrics['poa.stale_blocks']!.value;
    }
    // A 100 ms wiggle against 5–100 ms delays loses some races: stale blocks must show up.
    expect(staleTotal).toBeGreaterThan(0);
  });

  itReplaysBitForBit(scenario(5));
});
