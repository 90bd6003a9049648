/**
 * Attacks that a valid scenario still never carries out: a window that opens at or after the run's
 * end. It is not an input error, since a scenario shortened for a quick run (`--set duration=30s`
 * on one whose replay starts at 2 min) is a legitimate run of the rest; but a run in which an
 * attack its file names is silently absent misleads, so the command line says so for each point.
 */
import { attackActs, type WindowedAttack } from './acting-attacks.ts';
import type { SweepParameters } from './sweep.ts';
import type { Scenario } from './schema.ts';

interface NamedAttack extends WindowedAttack {
  readonly type: string;
}

/** One sentence per attack of `scenario` that never acts, in the order the file lists them. */
export function attacksThatNeverAct(scenario: Scenario): string[] {
  const attacks = (scenario as { attacks?: readonly NamedAttack[] }).attacks ?? [];
  const notices: string[] = [];
  attacks.forEach((attack, k) => {
    if (attackActs(attack, scenario.duration)) return;
    notices.push(`attacks.${k} (${attack.type}) starts at ${seconds(attack.start)}, at or after the run's end (duration ${seconds(scenario.duration)}): it never acts in this run`);
  });
  return notices;
}

/** The notices of every point of a run or sweep, each naming its point where there are several. */
export function pointNotices(points: readonly { readonly parameters: SweepParameters; readonly scenario: Scenario }[]): string[] {
  return points.flatMap((p) => {
    const where = pointLabel(p.parameters);
    return attacksThatNeverAct(p.scenario).map((notice) => (where === '' ? notice : `at ${where}: ${notice}`));
  });
}

/** A sweep point as a notice names it: `key=value key=value`; '' for a run without --vary. */
export function pointLabel(parameters: SweepParameters): string {
  return Object.entries(parameters).map(([key, value]) => `${key}=${String(value)}`).join(' ');
}

/** A time for a notice: "2 s", "0.5 s". */
export function seconds(us: number): string {
  return `${Number((us / 1e6).toPrecision(6))} s`;
}
