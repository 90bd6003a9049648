/**
 * What a valid scenario does that its results would hide, said on the command line before a run
 * starts (never an input error): attacks that never act or act before their detectors' baseline
 * (attack-notices.ts), alert rules that can alarm no episode (alert-rule-notices.ts), a
 * protocol whose blocks cannot carry the load offered (capacity-notices.ts), and parameters set for
 * a protocol the scenario does not run (protocol-section-notices.ts).
 */
import { alertRuleNotices } from './alert-rule-notices.ts';
import { attackNotices, pointLabel } from './attack-notices.ts';
import { capacityNotices } from './capacity-notices.ts';
import { protocolSectionNotices } from './protocol-section-notices.ts';
import type { Scenario } from './schema.ts';
import type { SweepParameters } from './sweep.ts';

/**
 * Every notice of `scenario`: its attacks', its alert rules' (each naming the file and field,
 * `locate`), its capacity's, then those of its other protocols' blocks but the ones in `runElsewhere`
 * (protocols other points of a sweep over consensus.protocol run, whose blocks it carries on purpose).
 */
export function scenarioNotices(scenario: Scenario, locate: (path: readonly PropertyKey[]) => string, runElsewhere: ReadonlySet<string> = new Set()): string[] {
  return [...attackNotices(scenario), ...alertRuleNotices(scenario, locate), ...capacityNotices(scenario), ...protocolSectionNotices(scenario, locate, runElsewhere)];
}

/** The notices of every point of a run or sweep, each naming its point where there are several. */
export function pointNotices(points: readonly { readonly parameters: SweepParameters; readonly scenario: Scenario }[], locate: (path: readonly PropertyKey[]) => string): string[] {
  const run = new Set(points.map((p) => p.scenario.consensus.protocol));
  return points.flatMap((p) => {
    const where = pointLabel(p.parameters);
    return scenarioNotices(p.scenario, locate, run).map((notice) => (where === '' ? notice : `at ${where}: ${notice}`));
  });
}
