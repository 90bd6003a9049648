/**
 * Crashing a leader: the pacemaker (§4.4; Algorithm 5) times the view out, replicas send NEW-VIEW
 * with their highest QC to every replica, and the next leader proposes after a quorum (3 of 4) of them; commits
 * resume once three consecutive views are certified (§5). With n = 4 the dead replica leads every fourth
 * view, so a node proposed after the crash commits only after the next dead view times out too
 * (its NEW-VIEW messages carry the votes for the third node of the chain). Bounds, with view
 * timeout T = 200 ms and one-way delays d ≤ 15 ms: the dead view begins at most three views (6d)
 * and a proposal flight after the crash, so the new leader proposes within T + 8d of it (one more
 * d for the NEW-VIEW); a node proposed after the crash commits within 2T + 20d (the same start,
 * three certified views of 2d, the second timeout, its NEW-VIEW and proposal flights, and 4d of
 * slack for a QC formed late).
 */
import { describe, expect, it } from 'vitest';
import { TestCluster } from '../testing/cluster.ts';
import { hotstuff } from './index.ts';

const T_US = 200_000;
const MAX_DELAY_US = 15_000;
const CRASH_US = 500_000;

function crashRun(seed: number, n: number, crashed: readonly number[], backoff: 'exponential' | 'fixed', crashUs = CRASH_US) {
  const c = new TestCluster({
    module: hotstuff,
    n,
    seed,
    latencyUs: { kind: 'uniform', min: 5_000, max: MAX_DELAY_US },
    params: { viewTimeout: T_US, backoff },
  });
  c.run(crashUs);
  for (const r of crashed) c.engine.crash(r);
  c.submitAt(crashUs + 1, [(crashed[crashed.length - 1]! + 1) % n]);
  c.run(crashUs + 3_000_000);
  return c;
}

describe('chained HotStuff leader crash', () => {
  it('20 seeds: a view change happens and commits resume within the bounds', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const crashed = seed % 4;
      const c = crashRun(seed, 4, [crashed], 'exponential');
      const survivor = (crashed + 1) % 4;
      const vc = c.viewChanges.find((v) => v.timeUs > CRASH_US);
      const resumed = c.commits[survivor]!.find((r) => r.block.timestampUs > CRASH_US);
      const withTx = c.commits[survivor]!.find((r) => r.block.txs.length > 0);
      const ok =
        vc !== undefined &&
        vc.leader !== crashed &&
        vc.timeUs - CRASH_US <= T_US + 8 * MAX_DELAY_US &&
        resumed !== undefined &&
        resumed.timeUs - CRASH_US <= 2 * T_US + 20 * MAX_DELAY_US &&
        withTx !== undefined &&
        c.conflicts().length === 0;
      if (!ok) failures.push(`seed ${seed}: view change ${vc && vc.timeUs - CRASH_US} µs, resumed ${resumed && resumed.timeUs - CRASH_US} µs`);
    }
    expect(failures).toEqual([]);
  });

  it('exponential backoff doubles the timeout across consecutive failed views; fixed does not', () => {
    // n = 7 tolerates f = 2: the leaders of views 3 and 4 are dead from the start, so view 3
    // begins within 3 views (6d) and the first view change to a live leader (view 5's) comes
    // after its timeout T and view 4's: 2T (exponential) or T (fixed), plus a NEW-VIEW flight.
    // (View 4, entered on view 3's timeout, is a view change too, to a dead leader.)
    const firstViewChange = (backoff: 'exponential' | 'fixed') => {
      const c = crashRun(5, 7, [3, 4], backoff, 0);
      expect(c.conflicts()).toEqual([]);
      expect(c.commits[0]!.length).toBeGreaterThan(0);
      expect(c.viewChanges[0]!.view).toBe(4);
      return c.viewChanges.find((v) => v.leader !== 3 && v.leader !== 4)!.timeUs;
    };
    const exp = firstViewChange('exponential');
    const fixed = firstViewChange('fixed');
    expect(exp).toBeGreaterThanOrEqual(3 * T_US);
    expect(exp).toBeLessThanOrEqual(3 * T_US + 7 * MAX_DELAY_US);
    expect(fixed).toBeGreaterThanOrEqual(2 * T_US);
    expect(fixed).toBeLessThanOrEqual(2 * T_US + 7 * MAX_DELAY_US);
  });
});
