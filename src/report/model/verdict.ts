/**
 * An expectation's or SLO's verdict as the report's tables print it: the mean, the mean's 95 %
 * interval and how many replications broke the condition (src/runner/verdict.ts), and what it was
 * judged on. The terminal prints the same (src/cli/print.ts).
 */
import { ruleText } from '../../runner/verdict.ts';
import type { UndefinedIn, VerdictEvidence } from '../results/types.ts';
import { formatJudgedEnds, formatObserved } from './format.ts';

export interface VerdictCells {
  /** The mean, on its side of the bound; with the replications that left the metric undefined. */
  readonly observed: string;
  /** "[166.3, 195.9]"; "none (n=1)" with fewer than 2 replications defining the metric; "—" where not recorded or nothing was produced. */
  readonly interval: string;
  /** "2 of 5"; "—" where not recorded. */
  readonly breaking: string;
  /** "on the mean", "on the 95 % CI", "replication by replication"; empty where not recorded. */
  readonly judged: string;
}

export const VERDICT_NOTE =
  "Each expectation is judged on its metric's mean over the replications, unless the scenario's expectRule asks that the mean's whole 95 % CI (interval) or every replication (every) meet it too. The 95 % CI is the mean's Student-t interval; \"breaking it\" counts the replications whose own value does not meet the condition (one that left the metric undefined among them): a mean can pass while some do.";

export function verdictCells(verdict: VerdictEvidence & { readonly observed: number | null; readonly undefinedIn?: UndefinedIn | undefined }, bound: number | undefined): VerdictCells {
  const { ci95, failedReplications, n } = verdict;
  const interval = ci95 === undefined || verdict.observed === null ? '—' : ci95 === null ? `none (n=${(n ?? 0) - (verdict.undefinedIn?.replications ?? 0)})` : `[${formatJudgedEnds(ci95, bound).join(', ')}]`;
  return {
    observed: formatObserved(verdict, bound),
    interval,
    breaking: failedReplications === undefined || n === undefined ? '—' : `${failedReplications} of ${n}`,
    judged: verdict.rule === undefined ? '' : ruleText(verdict.rule),
  };
}
