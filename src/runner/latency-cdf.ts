/**
 * summary.json's `latency_cdf` block (docs/results.md): per metric family, the latency
 * distribution of a sweep point averaged over its replications quantile by quantile — the mean of
 * the replications' quantile functions ("Vincentized" average; Ratcliff 1979, Psychological
 * Bulletin 86(3)). Averaging quantiles rather than pooling samples weighs every replication
 * equally, however many transactions it committed, as the percentile metrics' means do; and a mean
 * of non-decreasing functions is non-decreasing, so the result is a CDF. Its p50 is the mean of the
 * replications' `.p50` metric (same quantile definition) up to a few units in the last place: a plain sum in order
 * keeps every rounding monotone, where the metrics' compensated, clamped mean (src/stats) need not.
 */
import { QUANTILE_GRID, type Distributions } from '../metrics/distribution.ts';

export interface LatencyCdfSummary {
  readonly unit: string;
  /** Replications that recorded the family (those with no sample leave it out). */
  readonly n: number;
  /** `[value, cumulative fraction]` on the grid of src/metrics/distribution.ts, in increasing order. */
  readonly points: readonly (readonly [number, number])[];
}

interface Sums {
  unit: string;
  n: number;
  readonly sums: number[];
}

/**
 * The Vincentized CDF of every family any replication recorded; callers pass the replications in
 * (point, replication) order so the floating-point sums, hence the summary, are the same whatever
 * produced them. Undefined when no replication carries distributions (the block is then omitted).
 */
export function summarizeDistributions(replications: readonly { readonly replication: number; readonly distributions?: Distributions | undefined }[]): Record<string, LatencyCdfSummary> | undefined {
  const byFamily = new Map<string, Sums>();
  for (const r of replications) {
    for (const [family, d] of Object.entries(r.distributions ?? {})) {
      if (d.quantiles.length !== QUANTILE_GRID.length) {
        throw new Error(`replication ${r.replication}: distribution ${family} has ${d.quantiles.length} quantiles, expected ${QUANTILE_GRID.length} (the grid of src/metrics/distribution.ts)`);
      }
      let entry = byFamily.get(family);
      if (entry === undefined) {
        entry = { unit: d.unit, n: 0, sums: new Array<number>(QUANTILE_GRID.length).fill(0) };
        byFamily.set(family, entry);
      }
      entry.n++;
      for (let i = 0; i < d.quantiles.length; i++) entry.sums[i]! += d.quantiles[i]!;
    }
  }
  if (byFamily.size === 0) return undefined;
  const out: Record<string, LatencyCdfSummary> = {};
  for (const [family, { unit, n, sums }] of byFamily) {
    out[family] = { unit, n, points: sums.map((s, i) => [s / n, QUANTILE_GRID[i]!] as const) };
  }
  return out;
}
