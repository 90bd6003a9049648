/**
 * A load client checks the authentication of every reply it counts towards a confirmation, on its
 * own host: f + 1 MACs per transaction under PBFT (Castro & Liskov 1999, §4.1, §5), f + 1 signatures
 * under HotStuff, one signature under Clique and one channel MAC under Raft (src/protocols/reply.ts).
 */
import { describe, expect, it } from 'vitest';
import type { HostId } from '../../sim/index.ts';
import type { Engine } from '../../sim/index.ts';
import { consensusScenario } from './testing/scenarios.ts';
import { runConsensusWorld } from './testing/run.ts';

/** Whole µs, so that the client's charges add up exactly. */
const COSTS = { signUs: 50, verifyUs: 100, hashUs: 1, hashPerKiBUs: 1, macUs: 3 };

/** The client's processor time and the transactions it confirmed, in a quiet run that confirms all it submits. */
function clientWork(consensus: Record<string, unknown>, durationS = 10, requestTimeout = '5s'): { busyUs: number; confirmed: number } {
  let engine: Engine | undefined;
  let client: HostId = -1;
  let confirmed = 0;
  const scenario = consensusScenario({
    duration: `${durationS}s`, warmup: '0s',
    consensus: { batchSize: 1, cryptoCosts: COSTS, ...consensus },
    workload: { clients: 1, arrival: 'periodic', rateTps: 5, stopAfter: `${durationS / 2}s`, requestTimeout },
  } as never);
  runConsensusWorld(scenario, 1, {
    setup: (world) => {
      engine = world.engine;
      client = world.clientHosts[0]!;
    },
    observers: [(host, e) => { if (host === client && e.kind === 'confirmed') confirmed++; }],
  });
  return { busyUs: engine!.cpuBusyUs(client), confirmed };
}

describe("a load client's checks of the replies it counts", () => {
  it.each([4, 5, 6, 7])('PBFT at n = %i: one MAC for each of the f + 1 replies that confirm a transaction', (nodes) => {
    const { busyUs, confirmed } = clientWork({ protocol: 'pbft', nodes });
    const f = Math.floor((nodes - 1) / 3);
    expect(confirmed).toBeGreaterThan(10);
    expect(busyUs).toBe(confirmed * (f + 1) * COSTS.macUs);
  });

  it('HotStuff: a signature check for each of the f + 1 replies', () => {
    const { busyUs, confirmed } = clientWork({ protocol: 'hotstuff', nodes: 4 });
    expect(confirmed).toBeGreaterThan(10);
    expect(busyUs).toBe(confirmed * 2 * COSTS.verifyUs);
  });

  it('Clique: a signature check for the one reply it needs', () => {
    // A transaction is final some blocks deep (clique.ts): no request times out meanwhile.
    const { busyUs, confirmed } = clientWork({ protocol: 'poa', nodes: 4, poa: { period: '1s' } }, 40, '30s');
    expect(confirmed).toBeGreaterThan(10);
    expect(busyUs).toBe(confirmed * COSTS.verifyUs);
  });

  it("Raft: the leader's reply's channel MAC", () => {
    const { busyUs, confirmed } = clientWork({ protocol: 'raft', nodes: 3 });
    expect(confirmed).toBeGreaterThan(10);
    expect(busyUs).toBe(confirmed * COSTS.macUs);
  });
});
