/**
 * A seed's fault schedule for a replicated-state-machine protocol, inside its fault model: at most
 * f = maxFaulty(n) distinct replicas are ever named faulty (the load-time check counts them over
 * the whole run, src/scenario/fault-model-check.ts), plus crashes of whoever leads in windows that
 * do not overlap, which the check counts as one more, so at most f are faulty at once. Byzantine
 * behaviours come from the attack library (equivocation, silence, delayed votes, censorship, and
 * forking on a stale QC where the protocol offers that lever) and only for protocols whose model is Byzantine; crash-fault protocols get crashes only. Partitions
 * that heal, leader delay and overload, and loss bursts are network faults, not replica faults,
 * and all close by the end of the fault phase, which is declared asynchronous (attacks/asynchrony.ts).
 * A seed draws only the kinds its swarm mask enables (drawSwarmMask). `beyond` names f + 1 replicas
 * faulty instead, outside the model.
 */
import { fileURLToPath } from 'node:url';
import type { Rng } from '../../sim/index.ts';
import { PROPOSE_ON_LOCK, type ProtocolDefinition } from '../protocols/definition.ts';
import { chance, disjointWindows, intIn, logIn, ms, pick, sample, type Window } from './draw.ts';

export const ASYNCHRONY_MODULE = fileURLToPath(new URL('./attacks/asynchrony.ts', import.meta.url));

export type AttackEntry = Record<string, unknown>;

export interface FaultSchedule {
  readonly attacks: readonly AttackEntry[];
  /** Replica indices faulty after the fault phase (crashed for good, or Byzantine with an open window). */
  readonly calmFaulty: readonly number[];
  /** Distinct replicas named faulty. */
  readonly faulty: readonly number[];
}

export interface FaultInputs {
  readonly definition: ProtocolDefinition;
  readonly nodes: number;
  readonly clients: number;
  /** Every kind but leader isolation closes by then. */
  readonly faultPhaseUs: number;
  /** Leader isolation's windows close by then (at least faultPhaseUs): the fault phase's end. */
  readonly isolationPhaseUs: number;
  readonly beyond: boolean;
  /** The kinds this seed may draw (its swarm mask, drawSwarmMask). */
  readonly kinds: ReadonlySet<FaultKind>;
}

/**
 * The kinds of fault a schedule can hold. Swarm testing (Groce et al. 2012, "Swarm testing",
 * ISSTA): each seed enables a random subset of them, so some seeds get long stretches of one or two
 * kinds alone. Bugs that need a chain of one kind of event (Raft's Figure 8, §5.4.2: elections in a
 * row, each leader cut off partway) are broken by every other kind drawn beside them; over many
 * seeds every kind still appears, alone and in every combination.
 */
export const FAULT_KINDS = ['byzantine', 'crash', 'leader-crash', 'partition', 'leader-delay', 'leader-dos', 'loss', 'leader-isolation'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds `definition`'s fault model admits: Byzantine behaviour only for a Byzantine model. */
export function applicableKinds(definition: ProtocolDefinition): readonly FaultKind[] {
  return FAULT_KINDS.filter((k) => k !== 'byzantine' || definition.faultModel.kind === 'byzantine');
}

/** Each applicable kind on with probability 1/2 (the coin swarm testing tosses per feature). */
export function drawSwarmMask(rng: Rng, definition: ProtocolDefinition): ReadonlySet<FaultKind> {
  return new Set(applicableKinds(definition).filter(() => chance(rng, 0.5)));
}

const BYZANTINE_MODES = ['equivocation', 'silence', 'delay-votes', 'censorship', 'stale-qc'] as const;
type ByzantineMode = (typeof BYZANTINE_MODES)[number];

/** The modes `definition` supports: stale-qc only where it offers the lever (a protocol without it keeps the draws it had). */
function byzantineModes(definition: ProtocolDefinition): readonly ByzantineMode[] {
  const levers = definition.byzantineLevers ?? [];
  return BYZANTINE_MODES.filter((m) => m !== 'stale-qc' || levers.includes(PROPOSE_ON_LOCK));
}

/** [start, end) inside the fault phase, or from a start to the end of the run (`open`). */
function window(rng: Rng, faultPhaseUs: number, open: boolean): { start: string; end?: string } {
  const startUs = Math.round((rng.float() * faultPhaseUs) / 2 / 1000) * 1000;
  if (open) return { start: ms(startUs) };
  const endUs = Math.min(faultPhaseUs, startUs + Math.max(100_000, Math.round((rng.float() * (faultPhaseUs - startUs)) / 1000) * 1000));
  return { start: ms(startUs), end: ms(endUs) };
}

function byzantineEntries(rng: Rng, replicas: readonly number[], x: FaultInputs, calmFaulty: Set<number>): AttackEntry[] {
  const byMode = new Map<ByzantineMode, number[]>();
  const modes = byzantineModes(x.definition);
  for (const r of replicas) {
    const mode = pick(rng, modes);
    byMode.set(mode, [...(byMode.get(mode) ?? []), r]);
  }
  const out: AttackEntry[] = [];
  for (const mode of BYZANTINE_MODES) {
    const targets = byMode.get(mode);
    if (targets === undefined) continue;
    // Equivocators collude (one entry): the strongest form of the attack.
    const open = x.beyond || chance(rng, 0.3);
    if (open) for (const r of targets) calmFaulty.add(r);
    const base = { type: mode, ...window(rng, x.faultPhaseUs, open), replicas: targets };
    if (mode === 'delay-votes') {
      const kinds = chance(rng, 0.5) ? [] : sample(rng, x.definition.messageKinds, intIn(rng, 1, Math.max(1, x.definition.messageKinds.length)));
      out.push({ ...base, delay: ms(logIn(rng, 20_000, 1_000_000)), kinds });
    } else if (mode === 'censorship') {
      out.push({ ...base, clients: sample(rng, Array.from({ length: x.clients }, (_, i) => i), intIn(rng, 1, x.clients)).sort((a, b) => a - b) });
    } else if (mode === 'stale-qc' && chance(rng, 0.5)) {
      // Half the time the attack's default (the honest replica before the first attacker), else up to half the others.
      const others = Array.from({ length: x.nodes }, (_, i) => i).filter((i) => !targets.includes(i));
      out.push({ ...base, fresh: sample(rng, others, intIn(rng, 1, Math.max(1, Math.floor(others.length / 2)))).sort((a, b) => a - b) });
    } else out.push(base);
  }
  return out;
}

function crashEntries(rng: Rng, replicas: readonly number[], x: FaultInputs, calmFaulty: Set<number>): AttackEntry[] {
  const out: AttackEntry[] = [];
  for (const r of replicas) {
    const windows = disjointWindows(rng, intIn(rng, 1, 3), 0, x.faultPhaseUs, 100_000, x.faultPhaseUs / 2);
    windows.forEach((w, k) => {
      // The last crash may last for good: the protocol must stay live with it down.
      const forGood = k === windows.length - 1 && chance(rng, 0.25);
      if (forGood) calmFaulty.add(r);
      out.push({ type: 'crash', start: ms(w.startUs), ...(forGood ? {} : { end: ms(w.endUs) }), replicas: [r] });
    });
  }
  return out;
}

/** Partitions, leader delay and overload, loss bursts: each kind in disjoint windows of the fault phase. */
function networkEntries(rng: Rng, x: FaultInputs): { entries: AttackEntry[]; partitions: Window[] } {
  const F = x.faultPhaseUs;
  const out: AttackEntry[] = [{ module: ASYNCHRONY_MODULE, start: '0ms', end: ms(Math.max(F, x.isolationPhaseUs)), loss: 0 }];
  const on = (kind: FaultKind, count: number): number => (x.kinds.has(kind) ? count : 0);
  // A lone replica has no one to be cut off from (the count is still drawn, so other n draw as before).
  const partitionCount = on('partition', intIn(rng, 0, 2));
  const partitions = disjointWindows(rng, x.nodes < 2 ? 0 : partitionCount, 0, F, 200_000, F / 2);
  for (const w of partitions) {
    const order = sample(rng, Array.from({ length: x.nodes }, (_, i) => i), x.nodes);
    const groupCount = x.nodes >= 6 && chance(rng, 0.3) ? 3 : 2;
    // Some replicas may stay unlisted: they reach every group (a bridge).
    const listed = order.slice(0, chance(rng, 0.25) ? Math.max(groupCount, x.nodes - 1) : x.nodes);
    const groups: number[][] = Array.from({ length: groupCount }, () => []);
    listed.forEach((r, i) => groups[i < groupCount ? i : rng.int(groupCount)]!.push(r));
    out.push({ type: 'partition', start: ms(w.startUs), end: ms(w.endUs), groups: groups.map((g) => g.sort((a, b) => a - b)) });
  }
  for (const w of disjointWindows(rng, on('leader-delay', intIn(rng, 0, 2)), 0, F, 200_000, F / 2)) {
    out.push({ type: 'leader-delay', start: ms(w.startUs), end: ms(w.endUs), delay: ms(logIn(rng, 20_000, 500_000)) });
  }
  for (const w of disjointWindows(rng, on('leader-dos', intIn(rng, 0, 1)), 0, F, 200_000, F / 2)) {
    out.push({ type: 'leader-dos', start: ms(w.startUs), end: ms(w.endUs), load: Math.round((0.3 + rng.float() * 0.6) * 100) / 100 });
  }
  for (const w of disjointWindows(rng, on('loss', intIn(rng, 0, 2)), 0, F, 100_000, F / 3)) {
    out.push({ module: ASYNCHRONY_MODULE, start: ms(w.startUs), end: ms(w.endUs), loss: Math.round(logIn(rng, 0.02, 0.5) * 100) / 100 });
  }
  return { entries: out, partitions };
}

/**
 * Partitions that isolate whoever leads (with up to a minority around it), in one or two windows
 * that do not overlap the partitions' (both cut links, and one healing would heal the other's
 * cuts), the first lasting at least half the fault phase. Nine in ten move to each new leader after
 * a delay drawn per election from a millisecond to 0.2–2 s: leaders cut before their first entry
 * leaves, and leaders cut a few round trips into catching followers up, so that elections in a row
 * each replicate partially (Raft §5.4.2, Figure 8), which independent random partitions and crashes
 * rarely line up. Such a chain needs many elections: a seed that may draw isolation gets a longer
 * fault phase (derive.ts).
 */
function leaderIsolationEntries(rng: Rng, x: FaultInputs, taken: readonly Window[]): AttackEntry[] {
  const minoritySide = Math.floor((x.nodes - 1) / 2);
  const out: AttackEntry[] = [];
  if (!x.kinds.has('leader-isolation')) return out;
  const F = x.isolationPhaseUs;
  for (const w of disjointWindows(rng, intIn(rng, 1, 2), 0, F, F / 2, F)) {
    const followers = intIn(rng, 0, Math.max(0, minoritySide - 1));
    const follow = chance(rng, 0.9) ? { follow: true, after: '1ms', afterMax: ms(logIn(rng, 200_000, 2_000_000)) } : {};
    if (taken.some((t) => t.startUs < w.endUs + 1000 && w.startUs < t.endUs + 1000)) continue;
    out.push({ type: 'leader-isolation', start: ms(w.startUs), end: ms(w.endUs), followers, ...follow });
  }
  return out;
}

/** f + 1 faulty at once: colluding equivocators for a Byzantine model, a simultaneous crash otherwise. */
function beyondEntries(rng: Rng, faulty: readonly number[], byzantine: boolean, x: FaultInputs): AttackEntry[] {
  if (byzantine) return [{ type: 'equivocation', ...window(rng, x.faultPhaseUs, true), replicas: [...faulty] }];
  return [{ type: 'crash', ...window(rng, x.faultPhaseUs, false), replicas: [...faulty] }];
}

export function drawFaults(rng: Rng, x: FaultInputs): FaultSchedule {
  const f = x.definition.faultModel.maxFaulty(x.nodes);
  const byzantine = x.definition.faultModel.kind === 'byzantine';
  const all = Array.from({ length: x.nodes }, (_, i) => i);
  const mayByzantine = byzantine && x.kinds.has('byzantine');
  const mayCrash = x.kinds.has('crash');
  const count = x.beyond ? Math.min(x.nodes, f + 1) : mayByzantine || mayCrash ? intIn(rng.stream('count'), 0, f) : 0;
  const faulty = sample(rng.stream('faulty'), all, count).sort((a, b) => a - b);
  const calmFaulty = new Set<number>();
  const roles = rng.stream('roles');
  // Both kinds on: a coin per replica; one on: every named replica is of that kind.
  const asByzantine = faulty.filter(() => mayByzantine && (!mayCrash || chance(roles, 0.5)));
  const asCrashed = faulty.filter((r) => !asByzantine.includes(r));
  const attacks: AttackEntry[] = x.beyond ? beyondEntries(rng.stream('beyond'), faulty, byzantine, x) : [
    ...byzantineEntries(rng.stream('byzantine'), asByzantine, x, calmFaulty),
    ...crashEntries(rng.stream('crash'), asCrashed, x, calmFaulty),
  ];
  if (x.beyond) for (const r of faulty) calmFaulty.add(r);
  // Crashes of whoever leads, one at a time, while fewer than f replicas are named.
  if (count < f && x.kinds.has('leader-crash')) {
    const leaderRng = rng.stream('leader-crash');
    for (const w of disjointWindows(leaderRng, intIn(leaderRng, 0, 3), 0, x.faultPhaseUs, 100_000, x.faultPhaseUs / 3)) {
      attacks.push({ type: 'crash', start: ms(w.startUs), end: ms(w.endUs), replicas: 'leader' });
    }
  }
  const network = networkEntries(rng.stream('network'), x);
  attacks.push(...network.entries, ...leaderIsolationEntries(rng.stream('leader-isolation'), x, network.partitions));
  return { attacks, calmFaulty: [...calmFaulty].sort((a, b) => a - b), faulty };
}
