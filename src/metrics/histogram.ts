/**
 * A histogram with exact percentiles: samples go into a growable Float64Array and are sorted once,
 * when a percentile is first asked for. Memory is 8 bytes per sample, which is what exactness costs;
 * a run of a million samples needs 8 MB.
 */
export interface Summary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export class Histogram {
  private data = new Float64Array(1024);
  private n = 0;
  private total = 0;
  private sorted = true;

  get count(): number {
    return this.n;
  }

  get mean(): number {
    return this.n === 0 ? NaN : this.total / this.n;
  }

  add(x: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = x;
    this.total += x;
    this.sorted = false;
  }

  /**
   * The p-th percentile (0 ≤ p ≤ 100), interpolating linearly between closest ranks (Hyndman &
   * Fan 1996, definition 7, the default of R and NumPy). NaN when empty.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], found ${p}`);
    return this.quantileRatio(p, 100);
  }

  /**
   * The quantile at probability numerator/denominator, by the same definition as `percentile`.
   * Taking the probability as a ratio of integers (e.g. 7/1000) keeps the rank exact: 0.007 × (n − 1)
   * in floating point can land a hair off an integer rank. NaN when empty.
   */
  quantileRatio(numerator: number, denominator: number): number {
    if (!(numerator >= 0 && numerator <= denominator)) throw new RangeError(`quantile must be in [0, 1], found ${numerator}/${denominator}`);
    if (this.n === 0) return NaN;
    const v = this.sortedView();
    const h = ((this.n - 1) * numerator) / denominator;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, this.n - 1);
    return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
  }

  summary(): Summary {
    if (this.n === 0) return { count: 0, mean: NaN, min: NaN, max: NaN, p50: NaN, p95: NaN, p99: NaN };
    const v = this.sortedView();
    return { count: this.n, mean: this.mean, min: v[0]!, max: v[this.n - 1]!, p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99) };
  }

  private sortedView(): Float64Array {
    const v = this.data.subarray(0, this.n);
    if (!this.sorted) {
      v.sort();
      this.sorted = true;
    }
    return v;
  }
}
