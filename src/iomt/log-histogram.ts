/**
 * A histogram with bounded relative error (log-linear buckets, as in HdrHistogram): each power of
 * two is split into 1,024 linear sub-buckets, so a percentile is reported within 0.1 % of the
 * exact one (Hyndman & Fan's definition 7, as Histogram's), in constant memory (≈ 0.2 MB) however
 * many samples arrive. The IoMT collector uses it for per-reading latencies: millions of samples
 * per simulated hour, where an exact histogram would keep 8 bytes each. Count, mean, min and max
 * are exact.
 */
const SUB_BITS = 10;
const SUB = 1 << SUB_BITS;
/** Values below 1 (in the unit given) share the first bucket row, linearly. */
const EXPONENTS = 48;

export class LogHistogram {
  private readonly counts = new Float64Array(EXPONENTS * SUB);
  count = 0;
  private total = 0;
  min = Infinity;
  max = -Infinity;

  /** Add a sample ≥ 0. */
  add(x: number): void {
    const v = x > 0 ? x : 0;
    this.counts[bucketOf(v)]! += 1;
    this.count++;
    this.total += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  get mean(): number {
    return this.count === 0 ? NaN : this.total / this.count;
  }

  /**
   * The p-th percentile (0–100) by Hyndman & Fan's definition 7, as Histogram.percentile: linear
   * interpolation at h = (n − 1)·p/100 between the samples of 0-based ranks ⌊h⌋ and ⌊h⌋ + 1 in
   * sorted order. Each of the two is represented by the midpoint of its bucket, clamped to
   * [min, max] (the smallest and largest samples are min and max themselves), so the result is off
   * the exact one by at most half a bucket: 1/2048 of the value from 1 up, 1/2048 (absolute) below 1.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], found ${p}`);
    if (this.count === 0) return NaN;
    const h = ((this.count - 1) * p) / 100;
    const lowerRank = Math.floor(h);
    const fraction = h - lowerRank;
    const lower = this.sampleOfRank(lowerRank);
    return fraction === 0 ? lower : lower + fraction * (this.sampleOfRank(lowerRank + 1) - lower);
  }

  /** The representative value of the sample of 0-based rank `k` in sorted order. */
  private sampleOfRank(k: number): number {
    if (k <= 0) return this.min;
    if (k >= this.count - 1) return this.max;
    let seen = 0;
    const c = this.counts;
    for (let i = 0; i < c.length; i++) {
      seen += c[i]!;
      if (seen > k) return Math.min(this.max, Math.max(this.min, midpointOf(i)));
    }
    return this.max;
  }
}

function bucketOf(v: number): number {
  if (v < 1) return Math.floor(v * SUB);
  const e = Math.min(EXPONENTS - 2, Math.floor(Math.log2(v)));
  const sub = Math.min(SUB - 1, Math.floor((v / 2 ** e - 1) * SUB));
  return (e + 1) * SUB + sub;
}

function midpointOf(i: number): number {
  const row = Math.floor(i / SUB);
  const sub = i % SUB;
  if (row === 0) return (sub + 0.5) / SUB;
  const e = row - 1;
  return 2 ** e * (1 + (sub + 0.5) / SUB);
}
