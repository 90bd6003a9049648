/**
 * Which failed checks are failures. A scenario whose intended outcome is that a check detects an
 * attack states an expectation on the check's violations metric, and that expectation is then the
 * check's verdict (src/runner/summary.ts, checkCounts): its failing is the evidence, not a failure,
 * as the run's exit code and the terminal already say.
 */
import type { CheckSummary, ExpectationOutcome } from '../results/types.ts';

/** The expectation that judges `check` in a point with `expectations`, or undefined when none does. */
export function judgingExpectation(check: CheckSummary, expectations: readonly ExpectationOutcome[]): ExpectationOutcome | undefined {
  return check.violationsMetric === undefined ? undefined : expectations.find((e) => e.metric === check.violationsMetric);
}
