/**
 * Messages for a later view or above the high water mark are held and replayed later (§4.2, §4.4),
 * at most DEFERRED_LIMIT of them: once full, each new one drops the oldest.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

describe('PBFT messages held for a later view', () => {
  it('keep the newest 100,000 once more arrive, oldest dropped first', () => {
    const cluster = new TestCluster({ module: pbft, n: 4, latencyUs: { kind: 'fixed', value: 1_000 } });
    const replica = cluster.replicas[1] as unknown as {
      onMessage(from: number, msg: unknown): void;
      deferred: { msg: { seq: number } }[];
      deferredHead: number;
    };
    const from = cluster.replicaHosts[2]!;
    // PREPAREs for view 5, which replica 1 has not reached: held before any check of their contents.
    for (let seq = 1; seq <= 250_010; seq++) replica.onMessage(from, { kind: 'pbft-prepare', view: 5, seq, digest: 'd', replica: 2, sig: null });
    const held = replica.deferred.slice(replica.deferredHead).map((d) => d.msg.seq);
    expect(held).toHaveLength(100_000);
    expect(held[0]).toBe(150_011);
    expect(held[held.length - 1]).toBe(250_010);
  });
});
