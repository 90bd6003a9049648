/**
 * Sample quantiles. Two definitions are in use, and each caller keeps the one its numbers were
 * defined with (Hyndman & Fan 1996 number them):
 * - type 7, linear interpolation between order statistics (R's default): bench timing medians;
 * - type 1, nearest rank (the inverse of the empirical CDF, always an observed value): the
 *   attack-outcome percentile metrics, whose values are simulated results.
 */

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0 ≤ q ≤ 1), interpolated linearly between order statistics (type 7); NaN if empty. */
export function quantileInterpolated(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const position = (s.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (position - lo);
}

/** The median: the middle value, or the mean of the two middle values (type 7 at q = 0.5); NaN if empty. */
export function median(values: readonly number[]): number {
  return quantileInterpolated(values, 0.5);
}

/** The `percent`-th percentile (0–100) by nearest rank (type 1): an observed value; NaN if empty. */
export function percentileNearestRank(values: readonly number[], percent: number): number {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const rank = Math.ceil((percent / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1] as number;
}
