/**
 * Attacks that were scheduled, whose window opened, and that still never acted: they recorded no
 * ground truth in the run (attack.labels counts nothing of theirs). An attack that waits for the
 * run to produce what it acts on labels it only once it does (a record of its devices to tamper
 * with, a consent grant it goes on using after it ended), so one whose wait outlasts the run (a
 * ledger too slow to commit the grant) labels nothing, and its outcome metrics count nothing while
 * the run looks like one with the attack. Attacks that label their targets when installed (a
 * Byzantine replica, a flooding device) always count as having acted. The command line says so
 * after the run, as it says before the run that an attack whose window opens at or after the end
 * never acts (src/scenario/attack-notices.ts).
 *
 * Judged per replication from the records' `attackLabels` (RunOutput.attackLabels: labels by attack
 * type, from the whole run, also one split over threads), so the notices depend only on the records,
 * like the summary: the same on any number of threads, workers, shards or resumptions. A point's
 * notice names how many of its replications saw the attack record nothing: "in 2 of 5 replications
 * (1 and 3)". An attack shares its type's count with the other attacks of that type in the scenario.
 */
import type { AnyAttackDefinition } from '../attacks/definition.ts';
import { ATTACK_REGISTRY, attackDefinition } from '../attacks/registry.ts';
import { isPluginLoaded } from '../plugins/cache.ts';
import { registriesFor } from '../plugins/registries.ts';
import { attackActs } from '../scenario/acting-attacks.ts';
import { pointLabel, seconds } from '../scenario/attack-notices.ts';
import type { Scenario, SweepParameters } from '../scenario/index.ts';
import type { ReplicationRecord } from './types.ts';

interface ScheduledAttack {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

/** One sentence per attack of a point that recorded no ground truth in some replication, in the order the file lists them; each names its point where there are several. */
export function silentAttackNotices(points: readonly { readonly parameters: SweepParameters; readonly scenario: Scenario }[], records: readonly Pick<ReplicationRecord, 'point' | 'replication' | 'attackLabels'>[]): string[] {
  return points.flatMap((p, i) => {
    const where = pointLabel(p.parameters);
    const own = records.filter((r) => r.point === i).sort((a, b) => a.replication - b.replication);
    return pointSilentAttacks(p.scenario, own).map((notice) => (where === '' ? notice : `at ${where}: ${notice}`));
  });
}

function pointSilentAttacks(scenario: Scenario, records: readonly Pick<ReplicationRecord, 'replication' | 'attackLabels'>[]): string[] {
  const attacks = (scenario as { attacks?: readonly ScheduledAttack[] }).attacks ?? [];
  const notices: string[] = [];
  attacks.forEach((attack, k) => {
    // One that never acts by construction has its notice before the run.
    if (!attackActs(attack, scenario.duration)) return;
    const judged = records.filter((r) => r.attackLabels?.[attack.type] !== undefined);
    const silent = judged.filter((r) => r.attackLabels![attack.type] === 0).map((r) => r.replication);
    if (silent.length === 0) return;
    const where = judged.length === 1 ? 'in this run' : silent.length === judged.length ? `in any of the ${judged.length} replications` : `in ${silent.length} of ${judged.length} replications (${list(silent)})`;
    const closes = attack.end !== undefined && attack.end < scenario.duration ? `its end (${seconds(attack.end)})` : `the run's end (${seconds(scenario.duration)})`;
    const waitsFor = definitionOf(scenario, attack.type)?.waitsFor;
    const why = waitsFor === undefined
      ? 'whatever it waits for to act on never came in time'
      : `it waits for ${waitsFor}, which never happened in time`;
    notices.push(`attacks.${k} (${attack.type}) never acted ${where}: it recorded no ground truth between its start (${seconds(attack.start)}) and ${closes}; ${why}, so its outcome metrics count nothing it did`);
  });
  return notices;
}

/** "1", "1 and 3", "1, 3 and 4"; the first ten of a longer list. */
function list(replications: readonly number[]): string {
  const shown = replications.slice(0, 10).map(String);
  if (replications.length > 10) return `${shown.join(', ')}, …`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)!}`;
}

/** The attack's definition, in-tree or from a plug-in the scenario names (once loaded in this thread). */
function definitionOf(scenario: Scenario, type: string): AnyAttackDefinition | undefined {
  const refs = scenario.plugins ?? [];
  const registry = refs.every(isPluginLoaded) ? registriesFor(refs).attacks : ATTACK_REGISTRY;
  return attackDefinition(type, registry);
}
