/**
 * §4.4: a backup starts its timer for a request it holds and waits for. A request its full pool
 * refused is not held (a replica with a bounded request queue drops it and the client sends it
 * again), so timing it would depose a correct primary over requests no pool kept, and the set of
 * timed requests would grow with everything an overloaded backup ever refused.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

describe('a PBFT backup whose pool is full', () => {
  it.each([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])('times only the requests it admitted, so it never suspects the primary that orders them (n = %i)', (n) => {
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 },
      mempool: { capacityTxs: 1, capacityBytes: 1 << 20, order: 'fifo', lifetimeUs: Infinity }, recordMessages: true,
    });
    // Only backup 1 hears the three requests: it admits the first and relays it to the primary,
    // and refuses the other two while the first is still in its pool.
    for (let k = 0; k < 3; k++) cluster.submitAt(0, [1]);
    cluster.run(20_000_000);
    expect(cluster.otherEvents.filter((e) => e.event.kind === 'mempool-drop')).toHaveLength(2);
    expect(cluster.committedTxIds(0)).toHaveLength(1);
    expect(cluster.messages.filter((m) => m.kind === 'pbft-view-change')).toEqual([]);
  });
});
