/**
 * The Mann–Whitney U rank test (Mann & Whitney 1947), one-sided. A rank test assumes nothing about
 * the shape of the samples' distribution; bench uses it on timings, whose noise is skewed (a run
 * can be slowed by a neighbour, never sped up), so one outlier cannot decide it.
 */
import { normalCdf } from './normal.ts';

export interface RankTest {
  /** Pairs (x, y) with x > y, ties counting one half. */
  readonly u: number;
  /** One-sided p-value for "x tends to be larger than y". */
  readonly pGreater: number;
  readonly exact: boolean;
}

/** Samples up to this size (each) without ties get the exact null distribution. */
const EXACT_LIMIT = 30;

/** Mann–Whitney U test of H1: values in `x` tend to exceed values in `y`. */
export function mannWhitneyGreater(x: readonly number[], y: readonly number[]): RankTest {
  const n1 = x.length, n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann–Whitney test needs two non-empty samples');
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  const tieGroups = tieSizes([...x, ...y]);
  if (n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT && tieGroups.length === 0) {
    return { u, pGreater: exactUpperTail(n1, n2, u), exact: true };
  }
  // Normal approximation with tie and continuity corrections.
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const tieTerm = tieGroups.reduce((s, t) => s + (t ** 3 - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, pGreater: 0.5, exact: false };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { u, pGreater: 1 - normalCdf(z), exact: false };
}

/** Sizes of groups of equal values (only groups of two or more). */
function tieSizes(values: number[]): number[] {
  const s = values.sort((a, b) => a - b);
  const sizes: number[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    if (j - i > 1) sizes.push(j - i);
    i = j;
  }
  return sizes;
}

/** P(U ≥ u) under H0, counting the C(n1+n2, n1) equally likely rankings. */
function exactUpperTail(n1: number, n2: number, u: number): number {
  // f(m, j, k): orderings of m x-values and j y-values with U = k. The largest value is either an
  // x, beating all j y-values (f(m−1, j, k−j)), or a y, beating none (f(m, j−1, k)) — the
  // recursion of Mann & Whitney (1947), built up one y at a time.
  const maxU = n1 * n2;
  let prev: Float64Array[] = Array.from({ length: n1 + 1 }, () => {
    const row = new Float64Array(maxU + 1);
    row[0] = 1;
    return row;
  });
  for (let j = 1; j <= n2; j++) {
    const next: Float64Array[] = [];
    for (let m = 0; m <= n1; m++) {
      const row = new Float64Array(maxU + 1);
      for (let k = 0; k <= maxU; k++) {
        let c = prev[m]![k]!;
        if (m > 0 && k >= j) c += next[m - 1]![k - j]!;
        row[k] = c;
      }
      next.push(row);
    }
    prev = next;
  }
  const dist = prev[n1]!;
  let total = 0, tail = 0;
  for (let k = 0; k <= maxU; k++) {
    total += dist[k]!;
    if (k >= u) tail += dist[k]!;
  }
  return tail / total;
}
