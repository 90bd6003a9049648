import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../testing/run.ts';
import { consensusScenario } from '../testing/scenarios.ts';
import { simulateOnThreads, threadsRefusal } from './run.ts';

/** Two regions 8-40 ms apart, 1-5 ms inside each; every protocol, n not only 3f + 1. */
function scenarioFor(protocol: 'pbft' | 'hotstuff' | 'raft' | 'poa', nodes: number) {
  const local = { kind: 'normal' as const, mean: '3ms', sd: '1ms', min: '1ms' };
  const wide = { kind: 'normal' as const, mean: '20ms', sd: '6ms', min: '8ms' };
  return consensusScenario({
    duration: protocol === 'poa' ? '12s' : '3s',
    warmup: '1s',
    network: { regions: ['east', 'west'], latency: [[local, wide], [wide, local]] },
    consensus: { protocol, nodes, batchSize: 5, batchTimeout: '50ms', ...(protocol === 'poa' ? { poa: { period: '1s', wiggle: '200ms' } } : {}) },
    workload: { rateTps: 150, clients: 3 },
  });
}

describe('one consensus replication on threads', () => {
  const cases: ['pbft' | 'hotstuff' | 'raft' | 'poa', number, number][] = [['pbft', 4, 2], ['pbft', 6, 3], ['hotstuff', 5, 2], ['raft', 5, 3], ['poa', 4, 2]];
  for (const [protocol, nodes, threads] of cases) {
    it(`gives ${protocol} at n = ${nodes} on ${threads} threads the one-thread run's output, trace hash included`, async () => {
      const scenario = scenarioFor(protocol, nodes);
      const one = runConsensusWorld(scenario, 11);
      const split = await simulateOnThreads(scenario, 11, threads);
      expect(one.metrics['consensus.committed_txs']!.value).toBeGreaterThan(40);
      expect(split).toEqual(one);
    }, 60_000);
  }

  it('gives random consensus worlds on 1 to 4 threads the one-thread output (protocol, n, regions, floors, seed drawn)', async () => {
    const world = fc.record({
      protocol: fc.constantFrom('pbft' as const, 'hotstuff' as const, 'raft' as const, 'poa' as const),
      nodes: fc.integer({ min: 4, max: 10 }),
      regions: fc.integer({ min: 1, max: 3 }),
      floorUs: fc.integer({ min: 200, max: 5_000 }),
      threads: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 1, max: 1e6 }),
    });
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const lat = (far: boolean) => ({ kind: 'normal' as const, mean: `${far ? 15 : 3}ms`, sd: '2ms', min: `${far ? 3 * w.floorUs : w.floorUs}us` });
        const names = ['a', 'b', 'c'].slice(0, w.regions);
        const scenario = consensusScenario({
          duration: w.protocol === 'poa' ? '6s' : '2s',
          warmup: '1s',
          network: { regions: names, latency: names.map((_, i) => names.map((_, j) => lat(i !== j))) },
          consensus: { protocol: w.protocol, nodes: w.nodes, batchSize: 5, batchTimeout: '50ms', ...(w.protocol === 'poa' ? { poa: { period: '1s', wiggle: '200ms' } } : {}) },
          workload: { rateTps: 100, clients: 2 },
        });
        expect(await simulateOnThreads(scenario, w.seed, w.threads)).toEqual(runConsensusWorld(scenario, w.seed));
      }),
      { numRuns: 8 },
    );
  }, 120_000);

  it('refuses a split with no latency floor across it, naming the field', async () => {
    const scenario = consensusScenario({ duration: '2s', warmup: '1s', network: { latency: { kind: 'normal', mean: '10ms', sd: '2ms' } } });
    await expect(simulateOnThreads(scenario, 1, 2)).rejects.toThrow(/^network\.latency: expected a positive least latency between hosts of different threads with --threads 2 .*, found 0 µs$/);
  });

  it('refuses worlds it cannot split yet, saying why', () => {
    expect(threadsRefusal(consensusScenario({ consensus: { protocol: 'pow' } }))).toMatchObject({ path: 'consensus.protocol', found: "'pow'" });
    expect(threadsRefusal(consensusScenario({ attacks: [{ type: 'crash', start: '1s', end: '2s', replicas: [1] }] }))).toMatchObject({ path: 'attacks', found: '1' });
    expect(threadsRefusal(consensusScenario())).toBeUndefined();
  });
});
