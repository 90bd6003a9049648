/**
 * A checkpoint becomes stable only with q matching CHECKPOINTs (§4.3), and the primary orders
 * nothing beyond the high water mark (stable checkpoint + log window). When every first copy of
 * every CHECKPOINT is lost, no checkpoint becomes stable and the log fills; a replica that suspects
 * the stall and starts a view change sends its unstable CHECKPOINTs again (PBFT retransmits until
 * delivery, §5), so the next view goes on.
 */
import { describe, expect, it } from 'vitest';
import { loseFirstCopies, TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

describe('PBFT whose CHECKPOINT messages were all lost once', () => {
  it.each([4, 5, 7])('orders past the high water mark after a view change (n = %i)', (n) => {
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 },
      params: { viewChangeTimeout: 200_000, checkpointInterval: 2, logWindow: 4 },
      dropWhen: loseFirstCopies((_from, _to, m) => m.kind === 'pbft-checkpoint'),
    });
    // Ten requests, one batch each: the log window of 4 fills after the fourth.
    for (let k = 0; k < 10; k++) cluster.submitAt(k * 50_000, Array.from({ length: n }, (_, i) => i));
    cluster.run(20_000_000);
    expect(cluster.committedTxIds(0)).toHaveLength(10);
    expect(cluster.conflicts()).toEqual([]);
  });
});
