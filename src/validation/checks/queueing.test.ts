import { describe, expect, it } from 'vitest';
import { TxPool } from '../../protocols/pow/tx-pool.ts';
import { runPowMempool } from '../models/pow-mempool.ts';
import { expectedWaitS, judgeQueuePoint, POINTS, queueingChecks } from './queueing.ts';

/** Run `fn` with every block taking at most `capacity` pending transactions, whatever its size allows. */
function withBlocksTakingAtMost<T>(capacity: number, fn: () => T): T {
  const shippedSelect = TxPool.prototype.select;
  TxPool.prototype.select = function (this: TxPool, maxBytes: number) {
    return shippedSelect.call(this, maxBytes).slice(0, capacity);
  };
  try {
    return fn();
  } finally {
    TxPool.prototype.select = shippedSelect;
  }
}

const SHORT = { arrivalsPerSec: 0.5, blocksPerSec: 0.1, warmupUs: 200e6, durationUs: 2_200e6 };

describe('queueing checks', () => {
  it('expects the worked example of docs/references.md §2 (W = 13.25 s) plus the client-to-node delay', () => {
    // Whether the simulation meets it is the quick check itself (quick.test.ts runs it).
    expect(expectedWaitS({ lambda: 0.5, mu: 0.1, b: 10 })).toBeCloseTo(13.25 + 1e-4, 2);
    expect(queueingChecks(0).filter((c) => c.quick).map((c) => c.id)).toEqual(['queueing.bulk-wait.l0.5-m0.1-b10']);
  });

  it('fails through its own run() when the nodes mine blocks of 8 where the formula has b = 10', () => {
    // The model is broken below the check (its replications, seeds and rule unchanged): every
    // block takes at most 8 pending transactions. Blocks of 8 wait 16.9 s by the formula; the
    // check must tell that from 13.25 s within its three standard errors.
    const r = withBlocksTakingAtMost(8, () => queueingChecks(0)[0]!.run());
    expect(r.expected).toBeCloseTo(expectedWaitS({ lambda: 0.5, mu: 0.1, b: 10 }), 12);
    expect(r.basis).toMatchObject({ kind: 'standard-error', k: 3 });
    expect(r.passed).toBe(false);
  });

  it('fails at the other two points, judged on 3 of the check\'s replications, when blocks take fewer transactions than b', () => {
    // The check's 20 replications at λ = 8 and λ = 50 take 13 s and 26 s; three, whose standard
    // error is wider, take a few. Blocks of 9 at λ = 8, μ = 1 wait 5.16 s by the formula against
    // b = 10's 2.92 s; blocks of 80 at λ = 50 wait 1.57 s against b = 100's 1.26 s.
    const smallerBlocks = new Map([[10, 9], [100, 80]]);
    const points = POINTS.filter((pt) => !pt.quick);
    expect(points.map((pt) => pt.b)).toEqual([...smallerBlocks.keys()]);
    for (const pt of points) {
      const r = withBlocksTakingAtMost(smallerBlocks.get(pt.b)!, () => judgeQueuePoint(pt, 0, 3));
      expect(r.basis, `b = ${pt.b}`).toMatchObject({ kind: 'standard-error', k: 3 });
      expect(r.passed, `b = ${pt.b}`).toBe(false);
      expect(r.simulated, `b = ${pt.b}`).toBeGreaterThan(r.expected);
    }
  });

  it('is deterministic: the same seed gives the same measured wait and sampled queue', () => {
    const p = { ...SHORT, blockCapacityTxs: 10 };
    expect(runPowMempool(p, 3)).toEqual(runPowMempool(p, 3));
  });
});
