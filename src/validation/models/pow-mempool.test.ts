/**
 * Little's law (Little 1961, L = λW) between the two collectors of the proof-of-work mempool runs:
 * L, the time-average number of transactions submitted and not yet committed, sampled once a second
 * from the backlog (metrics/outstanding-txs.ts, which reads no latency), against λ̂·Ŵ from the
 * consensus collector's arrival rate and per-transaction latencies (metrics/consensus-collector.ts).
 * It holds for any model whose collectors are right, so it tests the collectors, not the model (it
 * was the validation check queueing.little.*, which could not catch a wrong model). Rule, as the
 * check had it: over independent replications, the mean of L − λ̂Ŵ lies within 3 standard errors of 0.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Histogram } from '../../metrics/histogram.ts';
import { estimate } from '../stats.ts';
import { FIRST_SEED, queueParams } from '../checks/queueing.ts';
import { runPowMempool } from './pow-mempool.ts';

/** The worked example of docs/references.md §2 (W ≈ 13.25 s), five of the check's replications. */
const PARAMS = queueParams({ lambda: 0.5, mu: 0.1, b: 10 });
const REPLICATIONS = 5;

/** L − λ̂Ŵ per replication: its mean, and whether that mean is within 3 standard errors of 0. */
function littleGap() {
  const d = estimate(Array.from({ length: REPLICATIONS }, (_, k) => {
    const r = runPowMempool(PARAMS, FIRST_SEED + k);
    return r.meanOutstanding - r.arrivalsPerSec * r.meanWaitS;
  }));
  return { mean: d.mean, holds: Math.abs(d.mean) <= 3 * d.standardError };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Little's law between the outstanding-transaction sampler and the consensus collector", () => {
  it('holds on the proof-of-work mempool: the sampled backlog equals λ̂·Ŵ within 3 SE', () => {
    expect(littleGap().holds).toBe(true);
  });

  it('fails when the latency is timed from a later instant (1 s after submission): λ̂·Ŵ falls by about λ·1 s', () => {
    // The consensus collector records each latency into a Histogram; 1,000 ms less is a latency
    // timed from 1 s after the transaction was submitted. Nothing else in these runs is read from
    // a Histogram (the sampler counts the backlog itself).
    const add = Histogram.prototype.add;
    vi.spyOn(Histogram.prototype, 'add').mockImplementation(function (this: Histogram, ms: number) {
      add.call(this, ms - 1_000);
    });
    const gap = littleGap();
    expect(gap.holds).toBe(false);
    expect(gap.mean).toBeGreaterThan(0);
  });
});
