/**
 * PBFT's normal case with MAC authenticators (Castro & Liskov 1999, §5): a replica multicasting to
 * the n − 1 others computes one MAC per receiver, and checks the one MAC meant for it in each
 * message it receives. With every cost but the MAC free, one request's CPU time at each replica is
 * a closed form in n.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

const MAC_US = 1;
const DELTA_US = 10_000;

/** One request to the primary of view 0; each replica's busy time once it has committed and replied. */
function busyUsOfOneRequest(n: number): number[] {
  const cluster = new TestCluster({ module: pbft, n, latencyUs: { kind: 'fixed', value: DELTA_US }, crypto: { ...ZERO_CRYPTO_COSTS, macUs: MAC_US } });
  cluster.submitAt(1_000, [0]);
  // The request reaches the primary after δ and commits 3δ after the pre-prepare, plus the MACs'
  // few µs: all is done within 5δ, before any status message (every 100 ms).
  cluster.run(1_000 + 5 * DELTA_US);
  for (let i = 0; i < n; i++) expect(cluster.committedTxIds(i)).toHaveLength(1);
  return cluster.replicaHosts.map((h) => cluster.engine.cpuBusyUs(h));
}

describe('PBFT MAC authenticators', () => {
  it.each([4, 5, 6, 7])('charge each of n = %i replicas (n − 1) MACs per multicast and one per message received', (n) => {
    // Primary: pre-prepare and commit multicasts, n − 1 prepares and n − 1 commits, one reply MAC.
    // Backup: the pre-prepare, prepare and commit multicasts, n − 2 prepares, n − 1 commits, one reply MAC.
    const primaryUs = (2 * (n - 1) + 2 * (n - 1) + 1) * MAC_US;
    const backupUs = (1 + 2 * (n - 1) + (n - 2) + (n - 1) + 1) * MAC_US;
    expect(busyUsOfOneRequest(n)).toEqual([primaryUs, ...new Array(n - 1).fill(backupUs)]);
  });
});
