import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from '../testing/run.ts';
import { consensusScenario, smallIomtScenario } from '../testing/scenarios.ts';
import { planSplit, simulateOnThreads, threadsRefusal, windowFromLatenciesUs } from './run.ts';

/** Two regions 8-40 ms apart, 1-5 ms inside each; every protocol, n not only 3f + 1. */
function scenarioFor(protocol: 'pbft' | 'hotstuff' | 'raft' | 'poa', nodes: number) {
  return consensusScenario(scenarioInput(protocol, nodes));
}

function scenarioInput(protocol: 'pbft' | 'hotstuff' | 'raft' | 'poa', nodes: number) {
  const local = { kind: 'normal' as const, mean: '3ms', sd: '1ms', min: '1ms' };
  const wide = { kind: 'normal' as const, mean: '20ms', sd: '6ms', min: '8ms' };
  return {
    duration: protocol === 'poa' ? '12s' : '3s',
    warmup: '1s',
    network: { regions: ['east', 'west'], latency: [[local, wide], [wide, local]] },
    consensus: { protocol, nodes, batchSize: 5, batchTimeout: '50ms', ...(protocol === 'poa' ? { poa: { period: '1s', wiggle: '200ms' } } : {}) },
    workload: { rateTps: 150, clients: 3 },
  };
}

describe('one consensus replication on threads', () => {
  const cases: ['pbft' | 'hotstuff' | 'raft' | 'poa', number, number][] = [['pbft', 4, 2], ['pbft', 6, 3], ['hotstuff', 5, 2], ['raft', 5, 3], ['poa', 4, 2]];
  for (const [protocol, nodes, threads] of cases) {
    it(`gives ${protocol} at n = ${nodes} on ${threads} threads the one-thread run's output, trace hash included`, async () => {
      const scenario = scenarioFor(protocol, nodes);
      const one = runConsensusWorld(scenario, 11);
      const split = await simulateOnThreads(scenario, 11, threads);
      // At least eight full batches (batchSize 5) in the window, so the comparison covers real work.
      expect(one.metrics['consensus.committed_txs']!.value).toBeGreaterThanOrEqual(8 * 5);
      expect(split).toEqual(one);
    }, 60_000);
  }

  it('gives the one-thread output from threads that run the TypeScript sources through tsx, as from the bundle', async () => {
    // With a current build the threads start from it (src/plugins/compiled.ts); this one path is kept tested.
    const saved = process.env['IOMTSIM_BUILD'];
    process.env['IOMTSIM_BUILD'] = 'off';
    try {
      const scenario = scenarioFor('pbft', 4);
      expect(await simulateOnThreads(scenario, 11, 2)).toEqual(runConsensusWorld(scenario, 11));
    } finally {
      if (saved === undefined) delete process.env['IOMTSIM_BUILD'];
      else process.env['IOMTSIM_BUILD'] = saved;
    }
  }, 60_000);

  it('gives random consensus worlds on 1 to 4 threads the one-thread output (protocol, n, regions, floors, attack, seed drawn)', async () => {
    const world = fc.record({
      protocol: fc.constantFrom('pbft' as const, 'hotstuff' as const, 'raft' as const, 'poa' as const),
      nodes: fc.integer({ min: 4, max: 10 }),
      regions: fc.integer({ min: 1, max: 3 }),
      floorUs: fc.integer({ min: 200, max: 5_000 }),
      threads: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 1, max: 1e6 }),
      attack: fc.constantFrom('none', 'crash', 'partition', 'eclipse', 'silence', 'equivocation'),
    });
    // Byzantine behaviours only where the protocol's fault model has them (BFT protocols).
    const attackFor = (w: { attack: string; protocol: string; nodes: number }) => {
      const half = Array.from({ length: w.nodes }, (_, i) => i);
      switch (w.attack) {
        case 'crash': return [{ type: 'crash', start: '1200ms', end: '1600ms', replicas: [1] }];
        case 'partition': return [{ type: 'partition', start: '1200ms', end: '1500ms', groups: [half.slice(0, w.nodes >> 1), half.slice(w.nodes >> 1)] }];
        case 'eclipse': return [{ type: 'eclipse', start: '1200ms', end: '1600ms', victim: w.nodes - 1 }];
        case 'silence': return w.protocol === 'pbft' || w.protocol === 'hotstuff' ? [{ type: 'silence', start: '1200ms', replicas: [0] }] : [];
        case 'equivocation': return w.protocol === 'pbft' || w.protocol === 'hotstuff' ? [{ type: 'equivocation', start: '1200ms', replicas: [0] }] : [];
        default: return [];
      }
    };
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
          attacks: attackFor(w),
        } as never);
        expect(await simulateOnThreads(scenario, w.seed, w.threads)).toEqual(runConsensusWorld(scenario, w.seed));
      }),
      // A fixed seed: the same worlds on every run of the suite.
      { numRuns: 8, seed: 19 },
    );
  }, 120_000);

  const attacked: [string, 'pbft' | 'hotstuff' | 'raft', number, Record<string, unknown>][] = [
    ['equivocation', 'pbft', 5, { type: 'equivocation', start: '1s', replicas: [0] }],
    ['silence', 'hotstuff', 7, { type: 'silence', start: '1s', replicas: [0, 3] }],
    ['delay-votes', 'pbft', 4, { type: 'delay-votes', start: '1s', replicas: [1], delay: '30ms', kinds: ['pbft-prepare', 'pbft-commit'] }],
    ['stale-qc', 'hotstuff', 4, { type: 'stale-qc', start: '1s', replicas: [0] }],
    ['crash', 'raft', 5, { type: 'crash', start: '1s', end: '2s', replicas: [0, 2] }],
    ['partition', 'pbft', 6, { type: 'partition', start: '1s', end: '2s', groups: [[0, 1, 2], [3, 4, 5]] }],
    ['eclipse', 'hotstuff', 5, { type: 'eclipse', start: '1s', end: '2s', victim: 2 }],
    ['censorship', 'pbft', 5, { type: 'censorship', start: '1s', replicas: [0], clients: [0] }],
  ];
  it('gives a PBFT world whose full link queues drop messages on 2 threads the one-thread output', async () => {
    // 3,000 requests/s of about 300 B from 3 clients into 5 Mbit/s links: the primary's downlink
    // and the clients' uplinks overflow a 50 ms queue.
    const input = scenarioInput('pbft', 4);
    const scenario = consensusScenario({ ...input, network: { ...input.network, upload: '5Mbps', download: '5Mbps', queueLimit: '50ms' }, workload: { rateTps: 3000, clients: 3 } } as never);
    const one = runConsensusWorld(scenario, 7);
    expect(one.metrics['network.dropped_queue_full']!.value).toBeGreaterThan(100);
    expect(await simulateOnThreads(scenario, 7, 2)).toEqual(one);
  }, 60_000);

  for (const [name, protocol, nodes, attack] of attacked) {
    it(`gives ${protocol} at n = ${nodes} under ${name} on 2 threads the one-thread output, ground truth and outcomes included`, async () => {
      const scenario = consensusScenario({ ...scenarioInput(protocol, nodes), duration: '4s', attacks: [attack] } as never);
      const one = runConsensusWorld(scenario, 5);
      // Censorship labels each transaction it drops as it acts: more labels than the two set up front.
      if (name === 'censorship') expect(one.metrics['attack.labels']!.value).toBeGreaterThan(10);
      expect(await simulateOnThreads(scenario, 5, 2)).toEqual(one);
    }, 60_000);
  }

  it('refuses a split with no latency floor across it, naming the field', async () => {
    const scenario = consensusScenario({ duration: '2s', warmup: '1s', network: { latency: { kind: 'normal', mean: '10ms', sd: '2ms' } } });
    await expect(simulateOnThreads(scenario, 1, 2)).rejects.toThrow(/^network\.latency: expected a positive least latency between hosts of different threads with --threads 2 .*, found 0 µs$/);
  });

  it('names the matrix entry that leaves no window, the field that sets its floor, and how to raise it', () => {
    const normal = (min: string) => ({ kind: 'normal' as const, mean: '10ms', sd: '2ms', min });
    const scenario = consensusScenario({ network: { regions: ['a', 'b'], latency: [[normal('5ms'), normal('5ms')], [normal('0ms'), normal('5ms')]] } });
    expect(planSplit(scenario, 1, 2)).toEqual({
      problem: { path: 'network.latency.1.0', expected: expect.stringMatching(/give this normal latency a floor, e\.g\. min: 5ms\)$/), found: '0 µs', blamed: ['network', 'latency', 1, 0, 'min'] },
    });
  });

  it('advises another kind of latency for a lognormal one, which no field gives a floor', () => {
    const floored = { kind: 'normal' as const, mean: '10ms', sd: '2ms', min: '5ms' };
    const scenario = consensusScenario({ network: { regions: ['a', 'b'], latency: [[floored, { kind: 'lognormal', median: '10ms', sigma: 0.5 }], [floored, floored]] } });
    const plan = planSplit(scenario, 1, 2);
    expect(plan).toEqual({ problem: { path: 'network.latency.0.1', expected: expect.stringMatching(/a kind of latency with a floor, which lognormal has not/), found: '0 µs' } });
    expect(plan).not.toMatchObject({ problem: { expected: expect.stringMatching(/give normal latencies a floor/) } });
  });

  it('refuses worlds it cannot split yet, saying why', () => {
    expect(threadsRefusal(consensusScenario({ consensus: { protocol: 'pow' } }))).toMatchObject({ path: 'consensus.protocol', found: "'pow'" });
    expect(threadsRefusal(consensusScenario({ attacks: [{ type: 'crash', start: '1s', end: '2s', replicas: 'leader' }] }))).toMatchObject({ path: 'attacks.0.type', found: "crash of 'leader'" });
    expect(threadsRefusal(consensusScenario({ attacks: [{ type: 'crash', start: '1s', end: '2s', replicas: [1] }, { type: 'leader-isolation', start: '1s', end: '2s' }] }))).toMatchObject({ path: 'attacks.1.type', found: "'leader-isolation'" });
    expect(threadsRefusal(consensusScenario({ attacks: [{ type: 'crash', start: '1s', end: '2s', replicas: [1] }] }))).toBeUndefined();
    expect(threadsRefusal(consensusScenario())).toBeUndefined();
  });
});

describe('the window of a split read from the latencies alone', () => {
  /** Three hospitals with a lab, an insurer and a regulator, their WAN link `wan`. */
  const threeHospitals = (wan: unknown, top: Record<string, unknown> = {}) =>
    smallIomtScenario({ hospitals: 3, links: { radio: { kind: 'fixed', value: '2ms' }, lan: { kind: 'fixed', value: '500us' }, wan } }, { consensus: { protocol: 'pbft', nodes: 6, batchSize: 10, batchTimeout: '200ms' }, ...top } as never);
  const wans: Readonly<Record<string, { readonly spec: unknown; readonly windowUs: number }>> = {
    'normal with a floor': { spec: { kind: 'normal', mean: '20ms', sd: '4ms', min: '8ms' }, windowUs: 8_000 },
    'normal without one': { spec: { kind: 'normal', mean: '20ms', sd: '4ms' }, windowUs: 0 },
    lognormal: { spec: { kind: 'lognormal', median: '20ms', sigma: 0.3 }, windowUs: 0 },
    'shifted exponential': { spec: { kind: 'exponential', mean: '5ms', shift: '3ms' }, windowUs: 3_000 },
    uniform: { spec: { kind: 'uniform', min: '2ms', max: '9ms' }, windowUs: 2_000 },
    'zero fixed': { spec: { kind: 'fixed', value: '0ms' }, windowUs: 0 },
    'SimBlock Pareto': { spec: { kind: 'pareto-simblock', mean: '6ms' }, windowUs: 1_000 },
  };
  for (const [name, { spec, windowUs }] of Object.entries(wans)) {
    it(`finds for a ${name} WAN the window planSplit finds over 2 and 3 threads (one a hospital at most)`, () => {
      const scenario = threeHospitals(spec);
      for (const threads of [2, 3]) {
        expect(windowFromLatenciesUs(scenario, threads)).toBe(windowUs);
        const plan = planSplit(scenario, 1, threads);
        expect('problem' in plan ? 0 : plan.lookaheadUs).toBe(windowUs);
      }
    });
  }

  it('leaves to planSplit more threads than hospitals, a world with a device attack, one that cannot split and a consensus-only world', () => {
    const floored = { kind: 'normal', mean: '20ms', sd: '4ms', min: '8ms' };
    expect(windowFromLatenciesUs(threeHospitals(floored), 4)).toBeUndefined();
    expect(windowFromLatenciesUs(threeHospitals(floored, { attacks: [{ type: 'sybil', start: '15s', gateway: 0, identities: 4, rate: 5 }] }), 2)).toBeUndefined();
    expect(windowFromLatenciesUs(threeHospitals(floored, { attacks: [{ type: 'crash', start: '1s', end: '2s', replicas: 'leader' }] }), 2)).toBeUndefined();
    expect(windowFromLatenciesUs(consensusScenario(), 2)).toBeUndefined();
  });
});
