/**
 * A replica cut off while the others made a checkpoint stable never hears those CHECKPOINTs (§4.3),
 * and once alone in a later view it takes part in nothing that would bring them. PBFT retransmits
 * what a replica lacks, driven by what that replica reports of itself (Castro & Liskov, ACM TOCS
 * 2002, status messages; docs/references.md §2): a VIEW-CHANGE reports its sender's stable
 * checkpoint, and a replica with a later one sends its own CHECKPOINT for it, so the one left
 * behind can make it stable and fetch the state up to it.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

describe('a PBFT replica cut off while a checkpoint became stable', () => {
  it.each([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])('catches up to it once reachable, with no checkpoint after (n = %i)', (n) => {
    const cut = n - 1;
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1, recordMessages: true,
      params: { viewChangeTimeout: 200_000, checkpointInterval: 4, logWindow: 8 },
      // Every message between the replicas to or from the last one is lost from 100 ms to 1.5 s.
      dropWhen: (from, to) => (from === cut || to === cut) && cluster.engine.nowUs >= 100_000 && cluster.engine.nowUs < 1_500_000,
    });
    // 24 requests, one batch each, all before the cut ends: the last checkpoint is at 24.
    for (let k = 0; k < 24; k++) cluster.submitAt(k * 50_000, Array.from({ length: n }, (_, i) => i));
    cluster.run(10_000_000);
    const stable = (i: number) => (cluster.replicas[i] as unknown as { stableSeq: number }).stableSeq;
    expect(stable(0)).toBe(24);
    expect(cluster.committedTxIds(cut).length).toBe(24);
    // Each of the others sent it its CHECKPOINT once: after that its VIEW-CHANGEs report 24 too.
    const resent = cluster.messages.filter((m) => m.kind === 'pbft-checkpoint' && m.to === cluster.replicaHosts[cut] && m.timeUs >= 1_500_000);
    expect(resent.map((m) => m.from).sort((a, b) => a - b)).toEqual(cluster.replicaHosts.slice(0, cut));
    expect(cluster.conflicts()).toEqual([]);
  });
});
