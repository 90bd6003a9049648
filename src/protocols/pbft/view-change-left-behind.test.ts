/**
 * §4.5.2 starts a replica's view-change timer only once q VIEW-CHANGEs for the view arrived, and a
 * replica retransmits only its VIEW-CHANGE for the view it is in. A replica that moved on to a
 * later view answers a retransmitted VIEW-CHANGE for an earlier view with its own for that view,
 * or, as the primary of a view installed since, with that view's NEW-VIEW; otherwise the replicas
 * left behind never hear enough to follow it.
 */
import { describe, expect, it } from 'vitest';
import { loseFirstCopies, TestCluster } from '../testing/cluster.ts';
import { pbft } from './index.ts';

type Kinded = { kind: string; view?: number; newView?: number };

describe('PBFT replicas left behind by a view change', () => {
  it('follow the one replica that moved on alone, once it answers with its lost VIEW-CHANGE (n = 5, q = 4)', () => {
    // Replica 1 is silent (f = 1); the primary's pre-prepares are lost, so the backups suspect it;
    // the primary's VIEW-CHANGE for view 1 is lost once to each of replicas 2, 3 and 4. The primary
    // then holds four for view 1 and times out to view 2 alone; the others hold three (q = 4).
    const cluster = new TestCluster({
      module: pbft, n: 5, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
      dropWhen: loseFirstCopies(
        (from, _to, m) => from === 0 && m.kind === 'pbft-view-change' && m.newView === 1,
        (from, _to, m) => from === 1 || (from === 0 && m.kind === 'pbft-pre-prepare' && m.view === 0),
      ),
    });
    cluster.submitAt(0, [0, 1, 2, 3, 4]);
    cluster.run(30_000_000);
    expect(cluster.committedTxIds(2)).toHaveLength(1);
    expect(cluster.conflicts()).toEqual([]);
  });

  it('are answered at most once per view-change timeout, so two replicas past that view do not answer each other for ever (n = 4)', () => {
    // The primary's pre-prepares and every NEW-VIEW are lost: the backups move to view 1, then to
    // view 2. 10 ms after replicas 0 and 3 have both sent their VIEW-CHANGE for view 2 (each still
    // holding its own for view 1, since neither installed a view), replica 3's VIEW-CHANGE for view 1
    // is handed to replica 0 a hundred times: replica 0 answers once, and replica 3, past view 1 too,
    // answers that answer once.
    let viewOneOf3: Kinded | undefined;
    const movedOn = new Set<number>();
    let injectedAtUs = Infinity;
    const answers: string[] = [];
    const cluster = new TestCluster({
      module: pbft, n: 4, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
      dropWhen: (from, to, msg) => {
        const m = msg as Kinded;
        if (m.kind === 'pbft-view-change' && m.newView === 1) {
          if (from === 3) viewOneOf3 ??= m;
          if (cluster.engine.nowUs >= injectedAtUs) answers.push(`${from}>${to}`);
        }
        if (m.kind === 'pbft-view-change' && m.newView === 2 && (from === 0 || from === 3) && !movedOn.has(from)) {
          movedOn.add(from);
          if (movedOn.size === 2) {
            injectedAtUs = cluster.engine.nowUs + 10_000;
            cluster.engine.at(injectedAtUs, () => {
              for (let k = 0; k < 100; k++) cluster.replicas[0]!.onMessage(cluster.replicaHosts[3]!, viewOneOf3);
            });
          }
        }
        return (from === 0 && m.kind === 'pbft-pre-prepare' && m.view === 0) || m.kind === 'pbft-new-view';
      },
    });
    cluster.submitAt(0, [0, 1, 2, 3]);
    cluster.run(2_000_000);
    expect(injectedAtUs).toBeLessThan(2_000_000);
    expect(answers).toEqual(['0>3', '3>0']);
  });

  it('install the view the others installed since, from its primary (n = 4, q = 3)', () => {
    // The primary's pre-prepares are lost: the backups move to view 1. Replica 3 hears no
    // VIEW-CHANGE for views 1 and 2 (so it neither times out of view 1 nor joins view 2), the NEW-VIEW
    // of view 1 is lost, and view 2's NEW-VIEW is lost once to replica 3: 0, 1 and 2 install view 2
    // while replica 3 retransmits its VIEW-CHANGE for view 1.
    const cluster = new TestCluster({
      module: pbft, n: 4, latencyUs: { kind: 'fixed', value: 1_000 }, params: { viewChangeTimeout: 200_000 },
      dropWhen: loseFirstCopies(
        (from, to, m) => from === 2 && to === 3 && m.kind === 'pbft-new-view' && m.view === 2,
        (from, to, m) => (from === 0 && m.kind === 'pbft-pre-prepare' && m.view === 0) ||
          (to === 3 && m.kind === 'pbft-view-change') || (m.kind === 'pbft-new-view' && m.view === 1),
      ),
    });
    cluster.submitAt(0, [0, 1, 2, 3]);
    cluster.submitAt(10_000_000, [0, 1, 2, 3]);
    cluster.run(30_000_000);
    expect(cluster.viewChanges.filter((v) => v.host === 3).map((v) => v.view)).toContain(2);
    expect(cluster.committedTxIds(3)).toHaveLength(2);
    expect(cluster.conflicts()).toEqual([]);
  });
});
