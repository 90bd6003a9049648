/**
 * What a run's final metrics can no longer go below, read in the middle of the run: the evidence
 * `iomtsim size` uses to stop a probe whose SLO has already failed (src/runner/size-early-stop.ts).
 *
 * A counter only grows, so its value now is a lower bound on its value at the end. A latency
 * quantile can still fall, when fast transactions commit later; but not below a bound that follows
 * from how many samples the end can hold at most (`maxSamples`). The final quantile (Hyndman & Fan
 * definition 7, src/metrics/histogram.ts) of m samples interpolates between the sorted samples at
 * ranks ⌊(m−1)p⌋ and the one above, so it is at least the sample at rank ⌊(m−1)p⌋. Whatever the
 * m − n samples still to come are, that sample is smallest when they all sit below every sample
 * seen (latencies are ≥ 0, so at worst zeros); it is then the seen sample at rank
 * ⌊(m−1)p⌋ − (m − n), a rank that never grows with m, so m = maxSamples is the worst case.
 * The same worst case bounds the mean: (sum seen) / maxSamples.
 */
import type { Histogram } from './histogram.ts';

/** A lower bound on the final p-quantile (p = numerator/denominator) of `h`, given at most `maxSamples` samples at the end; samples are ≥ 0. */
export function quantileLowerBound(h: Histogram, numerator: number, denominator: number, maxSamples: number): number {
  const n = h.count;
  if (n === 0 || !(maxSamples >= n) || !Number.isFinite(maxSamples)) return 0;
  const rank = Math.floor(((maxSamples - 1) * numerator) / denominator) - (maxSamples - n);
  if (rank < 0) return 0;
  // The sample at `rank`, read through the histogram's own quantile at exactly that rank.
  return n === 1 ? h.quantileRatio(0, 1) : h.quantileRatio(rank, n - 1);
}

/** A lower bound on the final mean of `h`, given at most `maxSamples` samples ≥ 0 at the end. */
export function meanLowerBound(h: Histogram, maxSamples: number): number {
  if (h.count === 0 || !(maxSamples >= h.count) || !Number.isFinite(maxSamples)) return 0;
  return (h.mean * h.count) / maxSamples;
}

/** A metric's value so far and, when one is known, what its final value cannot go below. */
export interface InterimValue {
  readonly now: number;
  readonly atLeast?: number;
}

export type InterimMetrics = Record<string, InterimValue>;

/** The usual families of a latency histogram (mean, p50, p95, p99), so far and bounded below. */
export function latencyInterim(family: string, h: Histogram, maxSamples: number): InterimMetrics {
  const bounded = Number.isFinite(maxSamples);
  const q = (num: number): InterimValue => ({ now: h.count === 0 ? NaN : h.quantileRatio(num, 100), ...(bounded ? { atLeast: quantileLowerBound(h, num, 100, maxSamples) } : {}) });
  return {
    [`${family}.mean`]: { now: h.mean, ...(bounded ? { atLeast: meanLowerBound(h, maxSamples) } : {}) },
    [`${family}.p50`]: q(50),
    [`${family}.p95`]: q(95),
    [`${family}.p99`]: q(99),
  };
}

/** A counter: it only grows, so its value now is also a lower bound on its final value. */
export function counterInterim(value: number): InterimValue {
  return { now: value, atLeast: value };
}

/** A run seen from outside at a moment of simulated time. */
export interface InterimSnapshot {
  readonly simulatedUs: number;
  readonly metrics: InterimMetrics;
}

/**
 * Asks a run to pause every `everyUs` of simulated time and report `metrics` (those it can; the
 * others are left out); `onInterim` returning true ends the run there.
 */
export interface RunWatch {
  readonly everyUs: number;
  readonly metrics: readonly string[];
  onInterim(snapshot: InterimSnapshot): boolean;
}
