/**
 * Where any replica takes requests (HotStuff, Clique), clients spread over the replicas and move on
 * after a timeout (src/protocols/client/request-target.ts): crashing replica 0 costs what crashing
 * replica 1 does, and a client whose replica crashed loses one timeout, not every transaction.
 */
import { describe, expect, it } from 'vitest';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const crashFromStart = (replica: number) => [{ type: 'crash', start: '0s', replicas: [replica] }];

/** Clique, seven signers, one-second blocks, a 10 s request timeout. */
const poa = (attacks: unknown[], requestTimeout = '10s') =>
  consensusScenario({
    duration: '60s',
    warmup: '5s',
    network: { latency: { kind: 'normal', mean: '50ms', sd: '10ms', min: '20ms' } },
    consensus: { protocol: 'poa', nodes: 7, batchSize: 1000, poa: { period: '1s', wiggle: '200ms', confirmations: 0 } },
    workload: { rateTps: 20, clients: 4, requestTimeout },
    attacks,
  } as never);

/** HotStuff, four replicas, 20 tx/s; a crashed leader's views end by timeout. */
const hotstuff = (attacks: unknown[], requestTimeout = '2s') =>
  consensusScenario({
    duration: '30s',
    warmup: '5s',
    network: { latency: { kind: 'normal', mean: '10ms', sd: '2ms', min: '4ms' } },
    consensus: { protocol: 'hotstuff', nodes: 4, batchSize: 100, batchTimeout: '200ms' },
    workload: { rateTps: 20, clients: 4, requestTimeout },
    attacks,
  } as never);

const metric = (out: ReturnType<typeof runConsensusWorld>, name: string) => out.metrics[name]!.value;

describe.each([
  ['poa', poa],
  ['hotstuff', hotstuff],
])('clients of %s, where any replica takes requests', (_name, scenario) => {
  it('fare alike whether replica 0 or replica 1 crashed', () => {
    const [zero, one] = [0, 1].map((r) => runConsensusWorld(scenario(crashFromStart(r)), 1));
    const tps = [metric(zero!, 'consensus.throughput_tps'), metric(one!, 'consensus.throughput_tps')];
    const latency = [metric(zero!, 'consensus.commit_latency_ms.mean'), metric(one!, 'consensus.commit_latency_ms.mean')];
    expect(Math.abs(tps[0]! - tps[1]!) / tps[1]!).toBeLessThan(0.05);
    expect(Math.max(...latency) / Math.min(...latency)).toBeLessThan(1.3);
  });

  it('commit with replica 0 crashed although a request times out only after the run', () => {
    const out = runConsensusWorld(scenario(crashFromStart(0), '100s'), 1);
    // The client that started at replica 0 waits out its timeout; the other three are served.
    expect(metric(out, 'consensus.throughput_tps')).toBeGreaterThan(0.6 * metric(out, 'consensus.offered_tps'));
  });
});

describe('a crashed replica', () => {
  it("costs its clients about one timeout each, not one per transaction (Clique)", () => {
    const none = metric(runConsensusWorld(poa([]), 1), 'consensus.commit_latency_ms.mean');
    const crashed = metric(runConsensusWorld(poa(crashFromStart(0)), 1), 'consensus.commit_latency_ms.mean');
    // Had client 0 (a quarter of the load) stayed with replica 0, each of its transactions would
    // have waited the 10 s timeout: a quarter of 10 s on the mean. It waits one timeout and one
    // commit, then moves on: 4.6 s without the crash, 5.2 s with it.
    expect(crashed - none).toBeLessThan(10_000 / 4 / 2);
  });
});
