/**
 * A replica answers a retransmitted request it already executed (PBFT §4.1; Raft §8). Replies from
 * the replicas to the client are cut for a second after the first requests commit; the client's
 * retransmission 2 s after each submission must then be answered, so every request is confirmed
 * and none given up.
 */
import { describe, expect, it } from 'vitest';
import { consensusScenario } from './testing/scenarios.ts';
import { runConsensusWorld } from './testing/run.ts';

describe('every protocol answers a retransmitted request it already executed', () => {
  const cases: Array<[string, number]> = [['pbft', 4], ['pbft', 5], ['pbft', 7], ['hotstuff', 4], ['hotstuff', 5], ['hotstuff', 7], ['raft', 3], ['raft', 4], ['raft', 5], ['poa', 3], ['poa', 4], ['poa', 5]];
  for (const [protocol, nodes] of cases) {
    it(`${protocol} confirms every request whose replies were lost, n = ${nodes}`, () => {
      const scenario = consensusScenario({
        duration: '20s',
        network: { latency: { kind: 'fixed', value: '10ms' } },
        consensus: { protocol, nodes, batchSize: 10, batchTimeout: '50ms', ...(protocol === 'poa' ? { poa: { period: '200ms' } } : {}) },
        workload: { rateTps: 10, clients: 1, arrival: 'periodic', stopAfter: '2s', requestTimeout: '2s' },
      } as never);
      const out = runConsensusWorld(scenario, 1, {
        setup: (world) => {
          const client = world.clientHosts[0]!;
          // One way only: replicas to the client, from 1 s (the first requests committed) to 2 s.
          world.engine.at(1_000_000, () => { for (const r of world.replicaHosts) world.engine.network.cutLink(r, client, false); });
          world.engine.at(2_000_000, () => { for (const r of world.replicaHosts) world.engine.network.restoreLink(r, client, false); });
        },
      });
      const submitted = out.metrics['consensus.committed_txs']!.value;
      expect(submitted).toBeGreaterThan(15);
      expect(out.metrics['consensus.confirmed_txs']!.value).toBe(submitted);
      expect(out.metrics['consensus.timed_out_txs']!.value).toBe(0);
    });
  }
});
