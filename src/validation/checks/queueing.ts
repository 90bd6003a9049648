/**
 * Queueing checks on the ledger's mempool (docs/references.md §2 "Mempool queueing"): mean wait against the
 * bulk-service formula, and Little's law (L = λW) on the measured queue. Each replication is an
 * independent run; the tolerance is three standard errors of the mean over replications.
 */
import { bulkServiceWait } from '../formulas/bulk-service.ts';
import { runBulkQueue, type BulkQueueParams, type BulkQueueRun } from '../models/bulk-queue.ts';
import { estimate, judgeWithin } from '../stats.ts';
import type { ValidationCheck } from '../types.ts';

interface QueuePoint {
  readonly lambda: number;
  readonly mu: number;
  readonly b: number;
  readonly quick: boolean;
}

const POINTS: readonly QueuePoint[] = [
  { lambda: 0.5, mu: 0.1, b: 10, quick: true }, // the worked example of docs/references.md §2
  { lambda: 8, mu: 1, b: 10, quick: false }, // load 0.8 of capacity
  { lambda: 50, mu: 1, b: 100, quick: false }, // large batches, load 0.5
];

const REPLICATIONS = 20;

function params(pt: QueuePoint): BulkQueueParams {
  // At least 10,000 arrivals and 2,000 blocks per replication after warm-up (a tenth as much), so
  // that edge effects (transactions still waiting at the end) stay far below the standard error.
  const windowS = Math.max(10_000 / pt.lambda, 2_000 / pt.mu);
  return {
    arrivalsPerSec: pt.lambda,
    blocksPerSec: pt.mu,
    blockCapacityTxs: pt.b,
    warmupUs: Math.round(windowS * 0.1 * 1e6),
    durationUs: Math.round(windowS * 1.1 * 1e6),
  };
}

/** Replications of one point, run once and shared by the checks on that point. */
function memoRuns(pt: QueuePoint): () => BulkQueueRun[] {
  let cached: BulkQueueRun[] | undefined;
  return () => {
    if (cached === undefined) {
      const p = params(pt);
      cached = Array.from({ length: REPLICATIONS }, (_, k) => runBulkQueue(p, 1_000 + k));
    }
    return cached;
  };
}

export function queueingChecks(): ValidationCheck[] {
  const checks: ValidationCheck[] = [];
  for (const pt of POINTS) {
    const tag = `l${pt.lambda}-m${pt.mu}-b${pt.b}`;
    const runs = memoRuns(pt);
    checks.push({
      id: `queueing.bulk-wait.${tag}`,
      group: 'queueing',
      title: `mempool mean wait, λ=${pt.lambda}/s, μ=${pt.mu}/s, b=${pt.b}`,
      reference: 'bulk-service queue (Bailey 1954): r root of μr^{b+1} − (λ+μ)r + λ = 0, W = r/((1−r)λ)',
      quick: pt.quick,
      run() {
        const expected = bulkServiceWait(pt.lambda, pt.mu, pt.b).meanWait;
        const rs = runs();
        const e = estimate(rs.map((r) => r.meanWaitS));
        const served = rs.reduce((s, r) => s + r.served, 0);
        return judgeWithin(expected, e, 3, 's', `${REPLICATIONS} replications, ${served} transactions served after warm-up`);
      },
    });
    checks.push({
      id: `queueing.little.${tag}`,
      group: 'queueing',
      title: `Little's law on the measured mempool, λ=${pt.lambda}/s, μ=${pt.mu}/s, b=${pt.b}`,
      reference: "Little 1961: time-average queue length L = λ·W (λ and W measured on the same run)",
      quick: pt.quick,
      run() {
        const rs = runs();
        // Compare per replication: L measured against λ̂·Ŵ of the same run; their difference has mean 0.
        const lambdaW = estimate(rs.map((r) => r.arrivalsPerSec * r.meanWaitS));
        const diff = estimate(rs.map((r) => r.meanWaiting - r.arrivalsPerSec * r.meanWaitS));
        const measuredL = estimate(rs.map((r) => r.meanWaiting));
        return judgeWithin(lambdaW.mean, measuredL, 3, 'transactions', `expected is λ̂·Ŵ of the same runs; tolerance is 3 SE of the per-run difference L − λ̂Ŵ`, diff.standardError);
      },
    });
  }
  return checks;
}
