/**
 * A latency distribution exported by a run (RunOutput.distributions): the histogram's quantiles at
 * one fixed probability grid, so that replications can be averaged quantile by quantile and the
 * report can draw the CDF itself instead of joining three percentiles (docs/results.md).
 *
 * The grid is 0, 0.01, 0.02, …, 0.99 (every percent), 0.999 and 1: 102 points. Every percent keeps
 * the curve smooth through the body; 0.999 and 1 (the maximum) keep the tail that latency SLOs
 * are written against. From a Histogram the quantiles are exact (Hyndman & Fan definition 7, as
 * Histogram.percentile); from a bucketed histogram they are its own percentiles, within its error
 * bound, so they agree with the `.pNN` metrics it reports.
 */
import { Histogram } from './histogram.ts';

/** A histogram that reports percentiles by its own definition (e.g. src/iomt's log-bucket histogram). */
export interface PercentileSource {
  readonly count: number;
  percentile(p: number): number;
}

/** The grid in thousandths (integers), so each rank is computed exactly: see Histogram.quantileRatio. */
export const QUANTILE_GRID_PERMILLE: readonly number[] = [...Array.from({ length: 100 }, (_, k) => k * 10), 999, 1000];

/** The grid as probabilities: QUANTILE_GRID[i] is the probability of `quantiles[i]`. */
export const QUANTILE_GRID: readonly number[] = QUANTILE_GRID_PERMILLE.map((m) => m / 1000);

export interface Distribution {
  readonly unit: string;
  /** The value at each probability of QUANTILE_GRID, in the same order (non-decreasing). */
  readonly quantiles: readonly number[];
}

/** Keyed by metric family, e.g. `consensus.commit_latency_ms`. */
export type Distributions = Record<string, Distribution>;

/** The histogram's quantiles on the grid, or undefined when it holds no sample (nothing to draw). */
export function distributionOf(histogram: Histogram | PercentileSource, unit: string): Distribution | undefined {
  if (histogram.count === 0) return undefined;
  const quantiles = histogram instanceof Histogram
    ? QUANTILE_GRID_PERMILLE.map((m) => histogram.quantileRatio(m, 1000))
    : QUANTILE_GRID_PERMILLE.map((m) => histogram.percentile(m / 10));
  return { unit, quantiles };
}

/** The families whose histograms hold samples, each with its distribution. */
export function distributionsOf(histograms: Readonly<Record<string, { histogram: Histogram | PercentileSource; unit: string }>>): Distributions {
  const out: Distributions = {};
  for (const [family, { histogram, unit }] of Object.entries(histograms)) {
    const d = distributionOf(histogram, unit);
    if (d !== undefined) out[family] = d;
  }
  return out;
}
