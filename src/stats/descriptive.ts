/**
 * Sample mean, variance and standard deviation. The mean sums with Neumaier's compensation
 * (Neumaier 1974), and the variance is two-pass (deviations from that mean), so neither loses the
 * digits a value far from zero carries: for 1e9 + {0.1, 0.2, 0.3} the sample sd is 0.1, where
 * sums of squares give 0.
 */

/** Σ values with Neumaier's compensated summation; 0 for an empty sample. */
export function sum(values: readonly number[]): number {
  let total = values[0] ?? 0;
  let correction = 0;
  for (let i = 1; i < values.length; i++) {
    const x = values[i] as number;
    const next = total + x;
    correction += Math.abs(total) >= Math.abs(x) ? total - next + x : x - next + total;
    total = next;
  }
  return total + correction;
}

/**
 * Arithmetic mean; NaN for an empty sample. Kept within [min, max], where every mean lies: the sum
 * and the division each round, and three replications that each gave 0.7 sum to 2.0999999999999996,
 * a mean of 0.6999999999999998, below every value, which would fail `>= 0.7` although each
 * replication meets it (src/runner/verdict.ts). Clamping moves the result only towards the exact
 * mean, which lies in [min, max] too.
 */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const m = sum(values) / values.length;
  return m < min ? min : m > max ? max : m;
}

/** Unbiased sample variance (n − 1 in the denominator); NaN below two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const m = mean(values);
  let squares = 0;
  for (const x of values) {
    const d = x - m;
    squares += d * d;
  }
  return squares / (values.length - 1);
}

/** Sample standard deviation; NaN below two values. */
export function sampleSd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}
