/**
 * A histogram with bounded relative error (log-linear buckets, as in HdrHistogram): each power of
 * two is split into 1,024 linear sub-buckets, so a percentile is reported within 0.1 % of the
 * exact value, in constant memory (≈ 0.2 MB) however many samples arrive. The IoMT collector uses
 * it for per-reading latencies: millions of samples per simulated hour, where an exact histogram
 * would keep 8 bytes each. Count, mean, min and max are exact.
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

  /** The nearest-rank p-th percentile (0–100) within 0.1 %: the midpoint of the bucket holding that rank, clamped to [min, max]. */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], found ${p}`);
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    const c = this.counts;
    for (let i = 0; i < c.length; i++) {
      seen += c[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, midpointOf(i)));
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
