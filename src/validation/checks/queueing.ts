/**
 * Queueing checks on a real protocol's mempool (docs/references.md §2 "Mempool queueing"): Nakamoto
 * proof-of-work nodes mining Poisson blocks of capacity b, fed by Poisson transactions
 * (models/pow-mempool.ts).
 *
 * One check per point: the mean wait against the bulk-service formula. Each transaction's wait is
 * its commit latency measured by the consensus collector; the expected value is the formula's W
 * plus the one-way delay δ from the client to the node, which every transaction crosses before it
 * can wait.
 *
 * Each replication is an independent run; the tolerance is three standard errors over replications.
 * Little's law (L = λW) between the collectors' measurements of the same runs is not a check here:
 * it holds for any model whose collectors are right (a model mining at half the rate meets it too),
 * so it is a test of the collectors (models/pow-mempool.test.ts), not a validation of the model.
 */
import { bulkServiceWait } from '../formulas/bulk-service.ts';
import { POW_MEMPOOL_DELAY_US, runPowMempool, type PowMempoolParams } from '../models/pow-mempool.ts';
import { estimate, judgeWithin } from '../stats.ts';
import type { CheckResult, ValidationCheck } from '../types.ts';

interface QueuePoint {
  readonly lambda: number;
  readonly mu: number;
  readonly b: number;
  readonly quick: boolean;
}

export const POINTS: readonly QueuePoint[] = [
  { lambda: 0.5, mu: 0.1, b: 10, quick: true }, // the worked example of docs/references.md §2
  { lambda: 8, mu: 1, b: 10, quick: false }, // load 0.8 of capacity
  { lambda: 50, mu: 1, b: 100, quick: false }, // large batches, load 0.5
];

const REPLICATIONS = 20;
/** Replication k uses seed offset + FIRST_SEED + k. */
export const FIRST_SEED = 1_000;

export function queueParams(pt: Pick<QueuePoint, 'lambda' | 'mu' | 'b'>): PowMempoolParams {
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

/** The formula's mean wait plus the client-to-node delay, s. */
export function expectedWaitS(pt: Pick<QueuePoint, 'lambda' | 'mu' | 'b'>): number {
  return bulkServiceWait(pt.lambda, pt.mu, pt.b).meanWait + POW_MEMPOOL_DELAY_US / 1e6;
}

/**
 * The check's verdict at one point: the mean wait over `replications` independent runs (seed offset
 * + FIRST_SEED + k) within 3 standard errors of the formula. The check runs REPLICATIONS; its tests
 * run fewer where the full run takes too long, which widens the standard error, never narrows it
 * on average.
 */
export function judgeQueuePoint(pt: Pick<QueuePoint, 'lambda' | 'mu' | 'b'>, seedOffset: number, replications = REPLICATIONS): CheckResult {
  const rs = Array.from({ length: replications }, (_, k) => runPowMempool(queueParams(pt), seedOffset + FIRST_SEED + k));
  const e = estimate(rs.map((r) => r.meanWaitS));
  const committed = rs.reduce((s, r) => s + r.committed, 0);
  return judgeWithin(expectedWaitS(pt), e, 3, 's', `4 PoW nodes, δ = ${POW_MEMPOOL_DELAY_US} µs; ${replications} replications, ${committed} transactions committed after warm-up`);
}

export function queueingChecks(seedOffset: number): ValidationCheck[] {
  return POINTS.map((pt): ValidationCheck => ({
    id: `queueing.bulk-wait.l${pt.lambda}-m${pt.mu}-b${pt.b}`,
    group: 'queueing',
    title: `proof-of-work mempool mean wait, λ=${pt.lambda}/s, μ=${pt.mu}/s, b=${pt.b}`,
    reference: 'bulk-service queue (Bailey 1954): r root of μr^{b+1} − (λ+μ)r + λ = 0, W = r/((1−r)λ); plus the client-to-node delay δ',
    quick: pt.quick,
    run: () => judgeQueuePoint(pt, seedOffset),
  }));
}
