import { describe, expect, it } from 'vitest';
import { zScenario } from '../scenario/schema.ts';
import { runConsensusWorld } from './testing/run.ts';

const MEASURED_S = 9;
const CORES = 2;

/** CPU time all replicas spent in the measured window, µs, with SHA-256 invocations at `hashUs`. */
function busyUs(protocol: string, nodes: number, hashUs: number): { busyUs: number; txs: number } {
  const s = zScenario.parse({
    name: `${protocol}-hash-${hashUs}`,
    duration: '10s',
    warmup: '1s',
    network: { latency: { kind: 'fixed', value: '5ms' } },
    consensus: { protocol, nodes, cores: CORES, batchSize: 50, ...(protocol === 'poa' ? { poa: { period: '1s' } } : {}), cryptoCosts: { signUs: 31, verifyUs: 90, hashUs, hashPerKiBUs: 0, macUs: 1 } },
    workload: { rateTps: 200, clients: 2 },
  });
  const m = runConsensusWorld(s, 1).metrics;
  return { busyUs: m['node.cpu_utilization']!.value * MEASURED_S * 1e6 * CORES * nodes, txs: m['consensus.committed_txs']!.value };
}

describe('block hashing is charged alike in every protocol', () => {
  // A block's Merkle tree is n leaf and n − 1 inner SHA-256 invocations (blockHashCostUs): at least
  // the replica that builds each block pays them, whatever the protocol, so raising the cost of one
  // invocation by 200 µs adds at least about 2 × 200 µs of CPU per committed transaction.
  it.each(['pbft', 'hotstuff', 'raft', 'poa'].flatMap((p) => [[p, 4], [p, 5]] as const))('%s at n = %i pays for the Merkle tree of the blocks it builds', (protocol, nodes) => {
    const cheap = busyUs(protocol, nodes, 0);
    const dear = busyUs(protocol, nodes, 200);
    expect(dear.busyUs - cheap.busyUs).toBeGreaterThan(0.9 * dear.txs * 2 * 200);
  });
});
