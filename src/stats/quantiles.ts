/**
 * Sample quantiles of small samples, by the definition every percentile metric uses (Hyndman &
 * Fan 1996, type 7, linear interpolation between order statistics, R's and NumPy's default; the
 * histograms of src/metrics use it too): bench timing medians and the attack-outcome percentiles.
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
