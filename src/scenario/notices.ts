/**
 * What a valid scenario does that its results would hide, said on the command line before a run
 * starts (never an input error): its attacks' notices (attack-notices.ts) and its alert rules'
 * (alert-rule-notices.ts).
 */
import { alertRuleNotices } from './alert-rule-notices.ts';
import { attackNotices, pointLabel } from './attack-notices.ts';
import type { Scenario } from './schema.ts';
import type { SweepParameters } from './sweep.ts';

/** Every notice of `scenario`: its attacks', then its alert rules' (each naming the file and field, `locate`). */
export function scenarioNotices(scenario: Scenario, locate: (path: readonly PropertyKey[]) => string): string[] {
  return [...attackNotices(scenario), ...alertRuleNotices(scenario, locate)];
}

/** The notices of every point of a run or sweep, each naming its point where there are several. */
export function pointNotices(points: readonly { readonly parameters: SweepParameters; readonly scenario: Scenario }[], locate: (path: readonly PropertyKey[]) => string): string[] {
  return points.flatMap((p) => {
    const where = pointLabel(p.parameters);
    return scenarioNotices(p.scenario, locate).map((notice) => (where === '' ? notice : `at ${where}: ${notice}`));
  });
}
