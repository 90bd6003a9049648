/**
 * A cut that leaves all but f replicas reaching one another is a fault the protocols must ride
 * out (src/world/excused-windows.ts): the liveness checker judges the run through it, so a
 * protocol that stalls while the cut lasts fails, and the honest protocols pass at every n.
 */
import { describe, expect, it } from 'vitest';
import { consensusScenario } from './testing/scenarios.ts';
import { runConsensusWorld } from './testing/run.ts';

/** The first f replicas (the first leaders) cut off from the rest from 5 s to 25 s of a 40 s run. */
function cutRun(protocol: string, nodes: number, f: number, extra: Record<string, unknown> = {}) {
  const cutOff = Array.from({ length: f }, (_, i) => i);
  const rest = Array.from({ length: nodes - f }, (_, i) => f + i);
  const scenario = consensusScenario({
    duration: '40s',
    network: { latency: { kind: 'fixed', value: '10ms' } },
    consensus: { protocol, nodes, batchSize: 10, batchTimeout: '50ms', livenessBound: '15s', ...(protocol === 'poa' ? { poa: { period: '1s' } } : {}) },
    workload: { rateTps: 20, clients: 2 },
    attacks: [{ type: 'partition', start: '5s', end: '25s', groups: [cutOff, rest] }],
    ...extra,
  } as never);
  const liveness = runConsensusWorld(scenario, 1).checks.find((c) => c.name === 'liveness')!;
  return liveness;
}

describe('liveness through a cut of at most f replicas', () => {
  const cases: Array<[string, number, (n: number) => number]> = [
    ['pbft', 4, (n) => Math.floor((n - 1) / 3)],
    ['hotstuff', 4, (n) => Math.floor((n - 1) / 3)],
    ['raft', 3, (n) => Math.floor((n - 1) / 2)],
    ['poa', 3, (n) => Math.floor((n - 1) / 2)],
  ];
  for (const [protocol, least, maxFaulty] of cases) {
    it(`is judged and holds for ${protocol} with its first f replicas cut off, n = ${least}..${least + 4}`, () => {
      for (let n = least; n <= least + 4; n++) {
        const liveness = cutRun(protocol, n, maxFaulty(n));
        expect({ n, passed: liveness.passed, couldNotFail: liveness.couldNotFail }).toEqual({ n, passed: true, couldNotFail: undefined });
      }
    });
  }

  it('fails for a PBFT whose backups never suspect the cut-off primary', () => {
    const liveness = cutRun('pbft', 4, 1, { consensus: { protocol: 'pbft', nodes: 4, batchSize: 10, batchTimeout: '50ms', livenessBound: '15s', pbft: { viewChangeTimeout: '100s' } }, workload: { rateTps: 20, clients: 2, requestTimeout: '100s' } });
    expect(liveness.passed).toBe(false);
  });
});
