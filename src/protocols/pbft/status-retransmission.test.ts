/**
 * A replica that lost a PRE-PREPARE, PREPARE or COMMIT cannot commit that batch, nor any after it
 * (execution is in order), while the others go on. PBFT's implementation retransmits from the
 * receiver's side (Castro & Liskov, ACM TOCS 2002; docs/references.md §2): the replica reports what
 * it has prepared and committed in a STATUS, and its peers resend what it lacks.
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';
import type { PbftReplica } from './replica.ts';

const BATCHES = 20;

/** Loses the first copy of each message of `kind` (per sender and sequence number) sent to replica `to`. */
function loseFirstToReplica(kind: string, to: number): (from: number, dest: number, msg: unknown) => boolean {
  const lost = new Set<string>();
  return (from, dest, msg) => {
    const m = msg as { kind: string; seq?: number };
    if (dest !== to || m.kind !== kind) return false;
    const key = `${from}:${m.seq}`;
    if (lost.has(key)) return false;
    lost.add(key);
    return true;
  };
}

function run(n: number, kind: string, statusIntervalUs: number) {
  const last = n - 1;
  const cluster = new TestCluster({
    module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1, recordMessages: true,
    // A view-change timeout beyond the run: only retransmission can bring the replica along.
    params: { viewChangeTimeout: 60_000_000, statusInterval: statusIntervalUs },
    dropWhen: loseFirstToReplica(kind, last),
  });
  for (let k = 0; k < BATCHES; k++) cluster.submitAt(k * 20_000, Array.from({ length: n }, (_, i) => i));
  cluster.run(3_000_000);
  return { cluster, last };
}

/** Loses the first copy of each peer's `kind` message for sequence number 1 to the last replica; counts what it was sent. */
function loseSeqOne(n: number, kind: string) {
  const last = n - 1;
  const lost = new Set<number>();
  const cluster = new TestCluster({
    module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1, recordMessages: true,
    params: { viewChangeTimeout: 60_000_000 },
    dropWhen: (from, to, msg) => {
      const m = msg as { kind: string; seq?: number };
      if (to !== last || m.kind !== kind || m.seq !== 1 || lost.has(from)) return false;
      lost.add(from);
      return true;
    },
  });
  for (let k = 0; k < BATCHES; k++) cluster.submitAt(k * 20_000, Array.from({ length: n }, (_, i) => i));
  cluster.run(3_000_000);
  return {
    committed: cluster.committedTxIds(last).length,
    statuses: cluster.messages.filter((m) => m.kind === 'pbft-status').length,
    toLast: (k: string) => cluster.messages.filter((m) => m.kind === k && m.to === cluster.replicaHosts[last]).length,
  };
}

describe('PBFT status retransmission', () => {
  for (const kind of ['pbft-pre-prepare', 'pbft-prepare', 'pbft-commit']) {
    it.each([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])(`brings a replica that lost the first copy of every ${kind} to it up to date, in the same view (n = %i)`, (n) => {
      const { cluster, last } = run(n, kind, 100_000);
      expect(cluster.committedTxIds(0)).toHaveLength(BATCHES);
      expect(cluster.committedTxIds(last)).toHaveLength(BATCHES);
      expect((cluster.replicas[last] as PbftReplica).view).toBe(0);
      // Only the replica that lacked something reported.
      const reporters = new Set(cluster.messages.filter((m) => m.kind === 'pbft-status').map((m) => m.from));
      expect([...reporters]).toEqual([cluster.replicaHosts[last]]);
      expect(cluster.conflicts()).toEqual([]);
    });
  }

  it.each([4, 5, 7, 10, 13])('resends only what the report says is missing (n = %i)', (n) => {
    // Only sequence number 1's COMMITs to the last replica are lost: it commits the batches after
    // it but cannot execute them, and reports once; each peer resends that one COMMIT, and nothing
    // the replica reported prepared or committed.
    const { committed, statuses, toLast } = loseSeqOne(n, 'pbft-commit');
    expect(committed).toBe(BATCHES);
    expect(statuses).toBe(n - 1);
    expect(toLast('pbft-commit')).toBe((n - 1) * BATCHES + (n - 1));
    expect(toLast('pbft-prepare')).toBe((n - 2) * BATCHES);
    expect(toLast('pbft-pre-prepare')).toBe(BATCHES);
  });

  const cutPastHighWaterMark = (n: number, loseFirstCheckpoints: boolean) => {
    const cut = n - 1;
    const lost = new Set<number>();
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1,
      params: { viewChangeTimeout: 60_000_000, checkpointInterval: 4, logWindow: 8 },
      // Every message between the replicas to or from the last one is lost from 100 ms to 1.5 s;
      // with `loseFirstCheckpoints`, also each peer's first CHECKPOINT to it after that.
      dropWhen: (from, to, msg) => {
        const now = cluster.engine.nowUs;
        if ((from === cut || to === cut) && now >= 100_000 && now < 1_500_000) return true;
        if (!loseFirstCheckpoints || to !== cut || (msg as { kind: string }).kind !== 'pbft-checkpoint' || now < 1_500_000 || lost.has(from)) return false;
        lost.add(from);
        return true;
      },
    });
    // 24 batches, the last checkpoint at 24 stable during the cut; then 3 more, with no checkpoint
    // after the cut to bring the replica along.
    for (let k = 0; k < 27; k++) cluster.submitAt(k * 50_000 + (k >= 24 ? 400_000 : 0), Array.from({ length: n }, (_, i) => i));
    cluster.run(5_000_000);
    const replica = cluster.replicas[cut] as PbftReplica;
    expect(cluster.committedTxIds(0)).toHaveLength(27);
    expect(replica.lastExecuted).toBe(27);
    expect(replica.view).toBe(0);
    expect(cluster.conflicts()).toEqual([]);
  };

  it.each([4, 5, 6, 7, 8, 9, 10, 11, 12, 13])('brings a replica cut off while the others passed its high water mark to their stable checkpoint, in the same view (n = %i)', (n) => {
    cutPastHighWaterMark(n, false);
  });

  it.each([4, 7, 13])('sends that checkpoint again at its next report when the first copies are lost (n = %i)', (n) => {
    cutPastHighWaterMark(n, true);
  });

  it.each([4, 7])('resends no PRE-PREPARE, and so no batch, to a replica that holds it (n = %i)', (n) => {
    // Only sequence number 1's PREPAREs to the last replica are lost: it holds the PRE-PREPARE.
    const { committed, statuses, toLast } = loseSeqOne(n, 'pbft-prepare');
    expect(committed).toBe(BATCHES);
    expect(statuses).toBe(n - 1);
    expect(toLast('pbft-pre-prepare')).toBe(BATCHES);
    expect(toLast('pbft-prepare')).toBe((n - 2) * BATCHES + (n - 2));
  });

  it.each([4, 7])('backs off while its reports bring nothing: intervals of 100, 200, 400, 800 and 1,600 ms (n = %i)', (n) => {
    // Every PREPARE and COMMIT to the last replica is lost for 3 s, resent ones too: it holds the
    // PRE-PREPAREs, so it waits from the first, and reports at about 0.1, 0.3, 0.7 and 1.5 s in that
    // time; the report at about 3.1 s brings the votes.
    const last = n - 1;
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1, recordMessages: true,
      params: { viewChangeTimeout: 60_000_000 },
      dropWhen: (_from, to, msg) => to === last && cluster.engine.nowUs < 3_000_000 && ['pbft-prepare', 'pbft-commit'].includes((msg as { kind: string }).kind),
    });
    for (let k = 0; k < BATCHES; k++) cluster.submitAt(k * 20_000, Array.from({ length: n }, (_, i) => i));
    cluster.run(4_000_000);
    const statuses = cluster.messages.filter((m) => m.kind === 'pbft-status' && m.from === cluster.replicaHosts[last]);
    expect(statuses.filter((m) => m.timeUs < 3_000_000)).toHaveLength(4 * (n - 1));
    expect(cluster.committedTxIds(last)).toHaveLength(BATCHES);
  });

  it.each([4, 7])('waits at most the view-change timeout between reports: a primary never suspects itself (n = %i)', (n) => {
    // Every PREPARE and COMMIT to the primary is lost for 5 s; the backups commit without it. With a
    // 1 s view-change timeout it reports at about 0.1, 0.3, 0.7, 1.5, 2.5, 3.5 and 4.5 s.
    const cluster = new TestCluster({
      module: pbft, n, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: 1, recordMessages: true,
      params: { viewChangeTimeout: 1_000_000 },
      dropWhen: (_from, to, msg) => to === 0 && cluster.engine.nowUs < 5_000_000 && ['pbft-prepare', 'pbft-commit'].includes((msg as { kind: string }).kind),
    });
    for (let k = 0; k < BATCHES; k++) cluster.submitAt(k * 20_000, Array.from({ length: n }, (_, i) => i));
    cluster.run(6_000_000);
    const statuses = cluster.messages.filter((m) => m.kind === 'pbft-status' && m.from === cluster.replicaHosts[0]);
    expect(statuses.filter((m) => m.timeUs < 5_000_000)).toHaveLength(7 * (n - 1));
    expect(cluster.committedTxIds(0)).toHaveLength(BATCHES);
    expect((cluster.replicas[0] as PbftReplica).view).toBe(0);
  });

  it('is what brings it up to date: with no report within the run it stays behind (n = 4, 7)', () => {
    for (const n of [4, 7]) {
      const { cluster, last } = run(n, 'pbft-commit', 60_000_000);
      expect(cluster.committedTxIds(0)).toHaveLength(BATCHES);
      expect(cluster.committedTxIds(last)).toHaveLength(0);
    }
  });
});
