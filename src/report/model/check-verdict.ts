/**
 * Which failed checks are failures. A scenario whose intended outcome is that a check detects an
 * attack states an expectation on the check's violations metric, and that expectation is then the
 * check's verdict (src/runner/summary.ts, checkCounts): its failing is the evidence, not a failure,
 * as the run's exit code and the terminal already say.
 */
import type { CheckSummary, ExpectationOutcome } from '../results/types.ts';

/**
 * The expectation that judges `check` in a point with `expectations` and held (the check's failing
 * was the intended outcome), or undefined: none judges it, or the one that does failed too (a
 * `safety.violations == 0` over a run that broke safety is a failure, not an expected one).
 */
export function judgingExpectation(check: CheckSummary, expectations: readonly ExpectationOutcome[]): ExpectationOutcome | undefined {
  if (check.violationsMetric === undefined) return undefined;
  const e = expectations.find((x) => x.metric === check.violationsMetric);
  return e !== undefined && e.passed ? e : undefined;
}
