/**
 * The paired t-test (Student 1908; e.g. Montgomery, Design and Analysis of Experiments, §2.5.1):
 * the one-sample t-test of the differences b_i − a_i. Two runs that used the same replication
 * seeds see the same random workload in replication i (common random numbers), so most of the
 * noise cancels in the difference and the test finds a real change with fewer replications than
 * Welch's, which must treat the two samples as independent.
 */
import { mean, sampleSd } from './descriptive.ts';
import { studentTCdf } from './student-t.ts';

export interface PairedTResult {
  /** Mean of (b − a) over its standard error. */
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/**
 * `a[i]` and `b[i]` are one pair. Null with fewer than two pairs (no variance estimate). Pairs
 * that all differ by the same amount give p = 1 when it is 0 and p = 0 otherwise.
 */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTResult | null {
  if (a.length !== b.length) throw new Error(`pairedTTest: ${a.length} values against ${b.length}; pairs need equal lengths`);
  if (a.length < 2) return null;
  const differences = a.map((x, i) => (b[i] as number) - x);
  const meanDifference = mean(differences);
  const df = differences.length - 1;
  const standardError = sampleSd(differences) / Math.sqrt(differences.length);
  if (standardError === 0) {
    return meanDifference === 0 ? { t: 0, df, pValue: 1 } : { t: Math.sign(meanDifference) * Number.POSITIVE_INFINITY, df, pValue: 0 };
  }
  const t = meanDifference / standardError;
  return { t, df, pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)) };
}
