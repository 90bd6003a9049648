import { describe, expect, it } from 'vitest';
import { runPowMempool } from '../models/pow-mempool.ts';
import { estimate, judgeWithin } from '../stats.ts';
import { expectedWaitS, queueingChecks } from './queueing.ts';

const SHORT = { arrivalsPerSec: 0.5, blocksPerSec: 0.1, warmupUs: 200e6, durationUs: 2_200e6 };

describe('queueing checks', () => {
  it('expects the worked example of docs/references.md §2 (W = 13.25 s) plus the client-to-node delay', () => {
    // Whether the simulation meets it is the quick check itself (quick.test.ts runs it).
    expect(expectedWaitS({ lambda: 0.5, mu: 0.1, b: 10 })).toBeCloseTo(13.25 + 1e-4, 2);
    expect(queueingChecks(0).filter((c) => c.quick).map((c) => c.id)).toEqual(['queueing.bulk-wait.l0.5-m0.1-b10']);
  });

  it('fails when the blocks are not those of the formula (blocks of 5 judged against b = 10)', () => {
    const e = estimate(Array.from({ length: 5 }, (_, k) => runPowMempool({ ...SHORT, blockCapacityTxs: 5 }, 50 + k).meanWaitS));
    expect(judgeWithin(expectedWaitS({ lambda: 0.5, mu: 0.1, b: 10 }), e, 3, 's', '').passed).toBe(false);
  });

  it('is deterministic: the same seed gives the same measured wait and sampled queue', () => {
    const p = { ...SHORT, blockCapacityTxs: 10 };
    expect(runPowMempool(p, 3)).toEqual(runPowMempool(p, 3));
  });
});
