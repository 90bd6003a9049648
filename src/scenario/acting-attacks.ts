/**
 * Which of a scenario's attacks act in its run: those whose window opens before the run's end. An
 * attack whose `start` is at or after `duration` is valid input (a scenario shortened with
 * `--set duration=...` still runs the rest) but never acts. One definition for everything that
 * depends on it: the world leaves the others out (src/world/assemble.ts), the fault-model rule
 * counts only these (fault-model-check.ts), and the command line names the others
 * (attack-notices.ts).
 */

/** What the rule reads of an attack: when its window opens, in µs from the run's start. */
export interface WindowedAttack {
  readonly start: number;
}

/** Whether `attack` acts in a run of `durationUs`: its window opens before the end. */
export function attackActs(attack: WindowedAttack, durationUs: number): boolean {
  return attack.start < durationUs;
}

/** The attacks of a run of `durationUs` that act in it, in the order given. */
export function actingAttacks<A extends WindowedAttack>(attacks: readonly A[], durationUs: number): A[] {
  return attacks.filter((attack) => attackActs(attack, durationUs));
}
