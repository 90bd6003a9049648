import { describe, expect, it } from 'vitest';
import { bulkServiceWait } from '../formulas/bulk-service.ts';
import { runBulkQueue } from '../models/bulk-queue.ts';
import { estimate, judgeWithin } from '../stats.ts';
import { queueingChecks } from './queueing.ts';

describe('queueing checks', () => {
  it('the quick bulk-service check passes: the mempool model reproduces W ≈ 13.25 s within 3 SE', () => {
    const check = queueingChecks().find((c) => c.id === 'queueing.bulk-wait.l0.5-m0.1-b10')!;
    const r = check.run();
    expect(r.passed).toBe(true);
    expect(r.expected).toBeCloseTo(13.25, 2);
  });

  it('fails when the simulated ledger is not the queue of the formula (blocks of 5 judged against b = 10)', () => {
    const p = { arrivalsPerSec: 0.5, blocksPerSec: 0.1, blockCapacityTxs: 5, warmupUs: 2_000e6, durationUs: 22_000e6 };
    const e = estimate(Array.from({ length: 10 }, (_, k) => runBulkQueue(p, 50 + k).meanWaitS));
    expect(judgeWithin(bulkServiceWait(0.5, 0.1, 10).meanWait, e, 3, 's', '').passed).toBe(false);
  });

  it('is deterministic: the same seed gives the same measured wait', () => {
    const p = { arrivalsPerSec: 2, blocksPerSec: 0.5, blockCapacityTxs: 10, warmupUs: 0, durationUs: 500e6 };
    expect(runBulkQueue(p, 3)).toEqual(runBulkQueue(p, 3));
  });
});
