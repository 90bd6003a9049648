/**
 * The `mempool-drop` events each protocol with a bounded pool reports (PBFT, HotStuff, Clique),
 * which mempool.dropped_* and mempool.expired_txs count: one per copy refused for a limit or past
 * its lifetime, with that reason, and none for a duplicate (a retransmission is normal, Castro &
 * Liskov 1999 §4.1). The client sends every request to replica 1 only: the others receive only
 * what it admitted (relayed, forwarded or proposed), which fits in their pools.
 */
import { describe, expect, it } from 'vitest';
import type { MempoolDropEvent } from '../ledger/events.ts';
import { txSeq } from '../ledger/types.ts';
import { hotstuff } from './hotstuff/index.ts';
import { pbft } from './pbft/index.ts';
import { poa } from './poa/index.ts';
import { TestCluster } from './testing/cluster.ts';

const PROTOCOLS = [pbft, hotstuff, poa];
const RECEIVER = 1;

function dropsOf(cluster: TestCluster): { host: number; reason: string; seq: number }[] {
  return cluster.otherEvents
    .filter((e) => e.event.kind === 'mempool-drop')
    .map((e) => ({ host: e.host, reason: (e.event as MempoolDropEvent).reason, seq: txSeq((e.event as MempoolDropEvent).txId) }));
}

describe.each(PROTOCOLS)('$name replicas report each refused copy once', (module) => {
  it('with the limit that refused it, and none for a duplicate copy', () => {
    // Two transactions or 250 bytes: the 200-byte one fits, its second copy is a duplicate, the
    // 100-byte one exceeds the bytes, a 10-byte one fits, the next exceeds the count.
    const cluster = new TestCluster({ module, n: 4, latencyUs: { kind: 'fixed', value: 1_000 }, mempool: { capacityTxs: 2, capacityBytes: 250, order: 'fifo', lifetimeUs: Infinity } });
    cluster.submitAt(0, [RECEIVER, RECEIVER], 200);
    cluster.submitAt(0, [RECEIVER], 100);
    cluster.submitAt(0, [RECEIVER], 10);
    cluster.submitAt(0, [RECEIVER], 10);
    cluster.run(1_000_000);
    expect(dropsOf(cluster)).toEqual([{ host: RECEIVER, reason: 'fullBytes', seq: 1 }, { host: RECEIVER, reason: 'fullTxs', seq: 3 }]);
  });

  it('as expired when it arrives past its lifetime', () => {
    // A 500 µs lifetime and a 1 ms flight: both copies arrive expired, each refused once.
    const cluster = new TestCluster({ module, n: 4, latencyUs: { kind: 'fixed', value: 1_000 }, mempool: { capacityTxs: 2, capacityBytes: 250, order: 'fifo', lifetimeUs: 500 } });
    cluster.submitAt(0, [RECEIVER, RECEIVER]);
    cluster.run(1_000_000);
    expect(dropsOf(cluster)).toEqual([{ host: RECEIVER, reason: 'expired', seq: 0 }, { host: RECEIVER, reason: 'expired', seq: 0 }]);
  });
});
