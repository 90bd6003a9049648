/**
 * Which stretches of a run the fault model does not cover, from the scenario's attacks: the
 * liveness checker excuses stalls there (progress is owed again one bound after each ends).
 * Partitions break the partial-synchrony assumption every protocol here makes (Castro & Liskov
 * 1999 §2; Ongaro & Ousterhout 2014 §5), so their windows are always excused. Crashes and
 * Byzantine replicas are inside the model while at most f replicas are faulty; beyond f, every
 * crash window is excused.
 */
import type { AttackSpec } from '../../scenario/sections/attacks.ts';

const BYZANTINE_TYPES = new Set(['equivocation', 'silence', 'censorship', 'delay-votes']);

export function outsideFaultModel(attacks: readonly AttackSpec[], maxFaulty: number, endUs: number): [number, number][] {
  const windows: [number, number][] = [];
  const faulty = new Set<number | 'leader'>();
  for (const a of attacks) {
    if (a.type === 'crash') for (const r of a.replicas === 'leader' ? ['leader' as const] : a.replicas) faulty.add(r);
    else if (BYZANTINE_TYPES.has(a.type) && 'replicas' in a && Array.isArray(a.replicas)) for (const r of a.replicas) faulty.add(r);
  }
  for (const a of attacks) {
    const end = a.end ?? endUs;
    if (a.type === 'partition') windows.push([a.start, end]);
    else if (a.type === 'crash' && faulty.size > maxFaulty) windows.push([a.start, end]);
  }
  return windows;
}
