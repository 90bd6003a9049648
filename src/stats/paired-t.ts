/**
 * The paired t-test (Student 1908; e.g. Montgomery, Design and Analysis of Experiments, §2.5.1):
 * the one-sample t-test of the differences b_i − a_i. Two runs that used the same replication
 * seeds see the same random workload in replication i (common random numbers), so most of the
 * noise cancels in the difference and the test finds a real change with fewer replications than
 * Welch's, which must treat the two samples as independent.
 */
import { meanInterval } from './confidence.ts';
import { mean, sampleSd } from './descriptive.ts';
import { equalWithinRounding, largestMagnitude, signFlipExtremeP, withoutSpread, type NoSpreadResult } from './no-spread.ts';
import { studentTCdf } from './student-t.ts';

export interface PairedTResult {
  readonly kind: 't';
  /** Mean of (b − a) over its standard error. */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * `a[i]` and `b[i]` are one pair. Null with fewer than two pairs (no variance estimate). Pairs
 * that all differ by the same amount (within NO_SPREAD_TOLERANCE of the values' magnitude) leave
 * t undefined (no-spread.ts): p = 1 when the amount is 0, else the sign-flip test's exact 2^(1−n).
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTResult | NoSpreadResult | null {
  if (a.length !== b.length) throw new Error(`pairedTTest: ${a.length} values against ${b.length}; pairs need equal lengths`);
  if (a.length < 2) return null;
  const differences = a.map((x, i) => (b[i] as number) - x);
  const meanDifference = mean(differences);
  const scale = largestMagnitude(a, b);
  if (withoutSpread(differences, scale)) {
    return equalWithinRounding(meanDifference, 0, scale)
      ? { kind: 'no spread', sign: 0, pValue: 1 }
      : { kind: 'no spread', sign: meanDifference > 0 ? 1 : -1, pValue: signFlipExtremeP(differences.length) };
  }
  const df = differences.length - 1;
  const t = meanDifference / (sampleSd(differences) / Math.sqrt(differences.length));
  return { kind: 't', t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)) };
}

/**
 * The two-sided `level` (default 95 %) Student-t interval of the mean difference b − a over the
 * pairs (a[i], b[i]): the interval the paired t-test inverts, d̄ ± t(1 − α/2, n − 1) · s_d / √n
 * (Montgomery, Design and Analysis of Experiments, §2.5.1). Null with fewer than two pairs.
 */
export function pairedDifferenceInterval(a: readonly number[], b: readonly number[], level = 0.95): readonly [number, number] | null {
  if (a.length !== b.length) throw new Error(`pairedDifferenceInterval: ${a.length} values against ${b.length}; pairs need equal lengths`);
  if (a.length < 2) return null;
  const { lo, hi } = meanInterval(a.map((x, i) => (b[i] as number) - x), level);
  return [lo, hi];
}
