/**
 * The network metrics of a consensus run against what the protocol must send: PBFT's normal case
 * on the ideal network of scenarios/validation/pbft-ideal.yaml (one request at a time, batch size
 * 1, no checkpoint in the run) has every replica's traffic in closed form (Castro & Liskov §4.2).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld, runIomtWorld } from './testing/run.ts';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));
const run = (name: string, sets: readonly string[]) => {
  const { scenario } = loadScenario(scenarioFile(name), sets);
  return runConsensusWorld(scenario, scenario.seed).metrics;
};

describe('network metrics of a consensus run', () => {
  it.each([4, 5, 6, 7, 10])("count each PBFT replica's normal-case messages at n = %i: per request, n − 1 pre-prepares, (n − 1)² prepares, n(n − 1) commits and n replies", (n) => {
    const m = run('validation/pbft-ideal.yaml', ['duration=8s', 'workload.stopAfter=6.5s', `consensus.nodes=${n}`]);
    const requests = m['consensus.committed_txs']!.value;
    expect(requests).toBeGreaterThanOrEqual(6);
    expect(m['consensus.decisions_per_sec']!.value * 8).toBeCloseTo(requests, 9);
    expect(m['network.messages_per_node']!.value).toBeCloseTo(((n - 1 + (n - 1) ** 2 + n * (n - 1) + n) * requests) / n, 9);
    // All hosts: the replicas' and the client's request, 2n² − n + 1.
    expect(m['consensus.messages_per_decision']!.value).toBe(2 * n * n - n + 1);
    // The replicas alone: all of the above but the client's request.
    expect(m['consensus.replica_messages_per_decision']!.value).toBe(2 * n * n - n);
    expect(m['consensus.replica_bytes_per_decision']!.value * requests).toBeCloseTo(m['network.bytes_per_node']!.value * n, 6);
    expect(m['network.dropped_messages']!.value).toBe(0);
  });

  it('count only what the replicas sent after the warm-up: at n = 4 with requests each second from 1 s, a 2.5 s warm-up leaves those of 3, 4, 5 and 6 s', () => {
    const sets = ['duration=8s', 'workload.stopAfter=6.5s'];
    const whole = run('validation/pbft-ideal.yaml', sets);
    const m = run('validation/pbft-ideal.yaml', [...sets, 'warmup=2.5s']);
    expect(m['consensus.committed_txs']!.value).toBe(4);
    expect(m['consensus.offered_tps']!.value).toBe(4 / 5.5);
    // Per request, each of the 4 replicas sends on average (3 + 9 + 12 + 4) / 4 = 7 messages.
    expect(m['network.messages_per_node']!.value).toBe(4 * 7);
    expect(m['consensus.messages_per_decision']!.value).toBe(29);
    // Every request costs the same bytes, so the window's cost per decision is the whole run's.
    expect(whole['consensus.committed_txs']!.value).toBe(6);
    expect(m['consensus.bytes_per_decision']!.value).toBe(whole['consensus.bytes_per_decision']!.value);
    expect(m['network.bytes_per_node']!.value).toBe((whole['network.bytes_per_node']!.value * 4) / 6);
  });

  it('count the messages full link queues drop when the offered load exceeds a link, and none without a limit (the default)', () => {
    // 5,000 requests/s of about 300 B need 12 Mbit/s into the primary's 10 Mbit/s downlink.
    const sets = ['duration=3s', 'warmup=1s', 'workload.rateTps=5000', 'network.upload=10Mbps', 'network.download=10Mbps'];
    const bounded = run('consortium.yaml', [...sets, 'network.queueLimit=250ms']);
    expect(bounded['network.dropped_queue_full']!.value).toBeGreaterThan(0);
    expect(bounded['network.dropped_messages']!.value).toBe(bounded['network.dropped_queue_full']!.value);
    for (const unbounded of [run('consortium.yaml', sets), run('consortium.yaml', [...sets, 'network.queueLimit=none'])]) {
      expect(unbounded['network.dropped_queue_full']!.value).toBe(0);
      expect(unbounded['network.dropped_messages']!.value).toBe(0);
    }
  });

  it("count in an IoMT world's replica messages per decision the replicas' messages only, not the devices' readings", () => {
    const { scenario } = loadScenario(scenarioFile('default.yaml'), ['duration=40s', 'warmup=10s']);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    const replicas = scenario.consensus.nodes;
    expect(m['consensus.replica_messages_per_decision']!.value * m['consensus.decisions_per_sec']!.value * 30).toBeCloseTo(m['network.messages_per_node']!.value * replicas, 6);
    // default.yaml's readings are most of all the hosts' messages (about 166 of 212 a decision).
    expect(m['consensus.replica_messages_per_decision']!.value).toBeLessThan(m['consensus.messages_per_decision']!.value / 2);
  });

  it('apply the queue limit of an IoMT scenario\'s network section to its links', () => {
    // Sites on 2 Mbit/s: the gateways' batches of readings queue at the site links.
    const iomt = (sets: readonly string[]) => {
      const { scenario } = loadScenario(scenarioFile('default.yaml'), ['duration=60s', 'warmup=10s', 'iomt.links.siteBandwidth=2Mbps', ...sets]);
      return runIomtWorld(scenario, scenario.seed).metrics['network.dropped_queue_full']!.value;
    };
    expect(iomt(['network.queueLimit=50ms'])).toBeGreaterThan(0);
    expect(iomt([])).toBe(0);
  });

  it('count the messages a partition drops, and none once it is gone', () => {
    const sets = ['duration=6s', 'warmup=1s', 'attacks.0.start=2s', 'attacks.0.end=4s'];
    expect(run('pbft-partition.yaml', sets)['network.dropped_messages']!.value).toBeGreaterThan(0);
    expect(run('pbft-partition.yaml', ['duration=6s', 'warmup=1s', 'attacks=[]'])['network.dropped_messages']!.value).toBe(0);
  });

  it('count none of the messages a partition dropped before the warm-up', () => {
    const early = ['duration=6s', 'attacks.0.start=0.2s', 'attacks.0.end=0.8s'];
    expect(run('pbft-partition.yaml', [...early, 'warmup=0s'])['network.dropped_messages']!.value).toBeGreaterThan(0);
    expect(run('pbft-partition.yaml', [...early, 'warmup=1s'])['network.dropped_messages']!.value).toBe(0);
  });
});
