/**
 * The stretches of a run the fault model does not cover, computed once per world from the
 * scenario's attacks: the liveness checker excuses stalls there, and progress is owed again one
 * bound after each ends (src/checkers/liveness.ts).
 *
 * - An attack that breaks synchrony (asynchrony, a cut that follows the leader) is excused for its
 *   window: the protocols here assume partial synchrony and owe progress only after GST (Dwork,
 *   Lynch & Stockmeyer 1988; Castro & Liskov 1999 §2; Ongaro & Ousterhout 2014 §5).
 * - A replica a Byzantine attack names is faulty for the whole run (it is excluded from every
 *   checker for the whole run too). If they alone are more than f, nothing is owed: the whole run.
 * - A crash window, or a cut between replicas (a partition, an eclipse), is excused when the
 *   distinct replicas faulty during it are more than f: crashed in a window overlapping it,
 *   Byzantine, or cut off by an overlapping cut from the side the protocol runs on. A cut's
 *   replicas outside that side are omission-faulty (Castro & Liskov §2), and of the sides still
 *   whole the protocol may run on the one that leaves the fewest faulty, so a cut that isolates at
 *   most f replicas owes progress as f crashes do, while a split with no side of n − f replicas
 *   is asynchrony. Faults count only while they overlap: a recovered replica is correct again
 *   (crash-recovery, Raft §5; PBFT §4.4), so f bounds the replicas faulty at once, and two crashes
 *   a minute apart stay inside the model at f = 1. A replica that is both crashed and Byzantine is
 *   one faulty replica, not two.
 *
 * f is always the protocol's own bound for the run's replica count (its definition's fault model).
 * An attack aimed at 'leader' (a crash of whoever leads when it starts) names its replica only when
 * it acts: until then it is counted as possibly one already faulty, and the world computes the
 * windows again once it is known (src/world/assemble.ts), excusing those it adds.
 */
import type { AnyAttackDefinition, ReplicaTarget } from '../attacks/definition.ts';

export type ExcusedWindow = readonly [startUs: number, endUs: number];

interface WindowedSpec {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

export function excusedWindows(
  specs: readonly WindowedSpec[],
  registry: readonly AnyAttackDefinition[],
  maxFaulty: number,
  replicas: number,
  endUs: number,
  leaderWhenActed: ReadonlyMap<WindowedSpec, number> = new Map(),
): ExcusedWindow[] {
  const definitionOf = (s: WindowedSpec): AnyAttackDefinition | undefined => registry.find((d) => d.type === s.type);
  const faultyOf = (s: WindowedSpec): readonly ReplicaTarget[] => {
    const faulty = definitionOf(s)?.faultyReplicas?.(s as never) ?? [];
    const leader = leaderWhenActed.get(s);
    return leader === undefined ? faulty : faulty.map((r) => (r === 'leader' ? leader : r));
  };
  const sidesOf = (s: WindowedSpec): readonly (readonly number[])[] | undefined => definitionOf(s)?.connectedSides?.(s as never, replicas);
  const byzantine = new Set<ReplicaTarget>();
  for (const s of specs) if (definitionOf(s)?.byzantineBehaviour !== undefined) for (const r of faultyOf(s)) byzantine.add(r);
  if (byzantine.size > maxFaulty) return [[0, endUs]];
  const end = (s: WindowedSpec): number => Math.min(s.end ?? endUs, endUs);
  const overlaps = (a: WindowedSpec, b: WindowedSpec): boolean => a.start < end(b) && b.start < end(a);
  /** Attacks that make replicas faulty for their window only: crashes and cuts. */
  const windowed = specs.filter((s) => definitionOf(s)?.byzantineBehaviour === undefined && (faultyOf(s).length > 0 || sidesOf(s) !== undefined));
  const out: ExcusedWindow[] = [];
  for (const s of specs) {
    if (definitionOf(s)?.breaksSynchrony === true) out.push([s.start, end(s)]);
    else if (windowed.includes(s)) {
      const during = windowed.filter((t) => overlaps(s, t));
      const faulty = new Set(byzantine);
      for (const t of during) for (const r of faultyOf(t)) faulty.add(r);
      const cuts = during.map(sidesOf).filter((sides) => sides !== undefined);
      if (fewestFaulty(faulty, cuts, replicas) > maxFaulty) out.push([s.start, end(s)]);
    }
  }
  return out;
}

/**
 * The fewest replicas faulty with `faulty` and one side chosen from each cut: those not on every
 * chosen side are cut off. Every combination of sides is tried (cuts overlap rarely, and each has
 * a few sides). A 'leader' not yet known may be any replica, one already counted included: it adds
 * one only where nothing else is faulty, so that no window is excused for a leader that may be a
 * replica counted already; once the leader is known (`leaderWhenActed`), it counts as that replica.
 */
function fewestFaulty(faulty: ReadonlySet<ReplicaTarget>, cuts: readonly (readonly (readonly number[])[])[], replicas: number): number {
  let fewest = Infinity;
  const someLeader = faulty.has('leader');
  const choose = (k: number, onEverySide: ReadonlySet<number>): void => {
    if (k === cuts.length) {
      const all = new Set([...faulty].filter((r) => r !== 'leader'));
      for (let r = 0; r < replicas; r++) if (!onEverySide.has(r)) all.add(r);
      fewest = Math.min(fewest, all.size + (someLeader && all.size === 0 ? 1 : 0));
      return;
    }
    for (const side of cuts[k]!) choose(k + 1, new Set(side.filter((r) => onEverySide.has(r))));
  };
  choose(0, new Set(Array.from({ length: replicas }, (_, r) => r)));
  return fewest;
}
