/**
 * The stretches of a run the fault model does not cover, computed once per world from the
 * scenario's attacks: the liveness checker excuses stalls there, and progress is owed again one
 * bound after each ends (src/checkers/liveness.ts).
 *
 * - An attack that breaks synchrony (a partition) is excused for its window: the protocols here
 *   assume partial synchrony and owe progress only after GST (Dwork, Lynch & Stockmeyer 1988;
 *   Castro & Liskov 1999 §2; Ongaro & Ousterhout 2014 §5).
 * - A replica a Byzantine attack names is faulty for the whole run (it is excluded from every
 *   checker for the whole run too). If they alone are more than f, nothing is owed: the whole run.
 * - A crash window is excused when the distinct replicas faulty during it (crashed in a window
 *   overlapping it, or Byzantine) are more than f. Crashes count only while they overlap: a
 *   recovered replica is correct again (crash-recovery, Raft §5; PBFT §4.4), so f bounds the
 *   replicas faulty at once, and two crashes a minute apart stay inside the model at f = 1. A
 *   replica that is both crashed and Byzantine is one faulty replica, not two.
 *
 * f is always the protocol's own bound for the run's replica count (its definition's fault model).
 */
import type { AnyAttackDefinition, ReplicaTarget } from '../attacks/definition.ts';

export type ExcusedWindow = readonly [startUs: number, endUs: number];

interface WindowedSpec {
  readonly type: string;
  readonly start: number;
  readonly end?: number | undefined;
}

export function excusedWindows(specs: readonly WindowedSpec[], registry: readonly AnyAttackDefinition[], maxFaulty: number, endUs: number): ExcusedWindow[] {
  const definitionOf = (s: WindowedSpec): AnyAttackDefinition | undefined => registry.find((d) => d.type === s.type);
  const faultyOf = (s: WindowedSpec): readonly ReplicaTarget[] => definitionOf(s)?.faultyReplicas?.(s as never) ?? [];
  const byzantine = new Set<ReplicaTarget>();
  for (const s of specs) if (definitionOf(s)?.byzantineBehaviour !== undefined) for (const r of faultyOf(s)) byzantine.add(r);
  if (byzantine.size > maxFaulty) return [[0, endUs]];
  const end = (s: WindowedSpec): number => Math.min(s.end ?? endUs, endUs);
  const overlaps = (a: WindowedSpec, b: WindowedSpec): boolean => a.start < end(b) && b.start < end(a);
  /** Attacks that make replicas faulty for their window only (crashes). */
  const windowed = specs.filter((s) => definitionOf(s)?.byzantineBehaviour === undefined && faultyOf(s).length > 0);
  const out: ExcusedWindow[] = [];
  for (const s of specs) {
    if (definitionOf(s)?.breaksSynchrony === true) out.push([s.start, end(s)]);
    else if (windowed.includes(s)) {
      const faulty = new Set(byzantine);
      for (const t of windowed) if (overlaps(s, t)) for (const r of faultyOf(t)) faulty.add(r);
      if (faulty.size > maxFaulty) out.push([s.start, end(s)]);
    }
  }
  return out;
}
