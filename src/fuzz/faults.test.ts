import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/index.ts';
import { inTreeTarget } from './target.ts';
import { applicableKinds, ASYNCHRONY_MODULE, drawFaults, drawSwarmMask, type FaultKind } from './faults.ts';
import { drawProtocolParams, MESSAGE_BATCHES } from './protocol-params.ts';

type Entry = { type?: string; module?: string; loss?: number; replicas?: unknown; start: string; end?: string; followers?: number; follow?: boolean };

/** The fuzzer writes durations in whole milliseconds ('1234ms'). */
const us = (d: string | undefined): number => (d === undefined ? Infinity : Number(d.replace(/ms$/, '')) * 1000);

/** The fault schedules of seeds 1..count for Raft, with n and the fault phase drawn as a seed would. */
function raftSchedules(count: number): { nodes: number; faultPhaseUs: number; attacks: Entry[] }[] {
  const definition = inTreeTarget('raft').definition;
  return Array.from({ length: count }, (_, k) => {
    const rng = new Rng(k + 1, 'faults-test');
    const nodes = 4 + rng.int(10);
    const faultPhaseUs = (2 + rng.int(5)) * 1_000_000;
    const schedule = drawFaults(rng.stream('faults'), { definition, nodes, clients: 2, faultPhaseUs, isolationPhaseUs: faultPhaseUs, beyond: false, kinds: new Set(applicableKinds(definition)) });
    return { nodes, faultPhaseUs, attacks: schedule.attacks as Entry[] };
  });
}

describe('leader isolation in a seed\'s fault schedule', () => {
  const schedules = raftSchedules(300);
  const isolations = schedules.flatMap((s) => s.attacks.filter((a) => a.type === 'leader-isolation').map((a) => ({ ...s, a })));

  it('is drawn in some seeds, most of them following each new leader', () => {
    // Every kind on here; a window lasts at least half the fault phase, so one is often dropped for overlapping a partition.
    expect(isolations.length).toBeGreaterThan(50);
    const following = isolations.filter(({ a }) => a.follow === true).length;
    expect(following / isolations.length).toBeGreaterThan(0.5);
    expect(following).toBeLessThan(isolations.length);
  });

  it('keeps the leader on a minority side, closes by the end of the fault phase and never overlaps a partition', () => {
    for (const { nodes, faultPhaseUs, attacks, a } of isolations) {
      expect(1 + a.followers!).toBeLessThanOrEqual(Math.max(1, Math.floor((nodes - 1) / 2)));
      expect(us(a.end)).toBeLessThanOrEqual(faultPhaseUs);
      for (const p of attacks.filter((b) => b.type === 'partition')) {
        expect(us(p.end) < us(a.start) || us(a.end) < us(p.start)).toBe(true);
      }
    }
  });
});

/** The fault kinds an entry of a schedule shows. */
function kindsOf(attacks: readonly Entry[], module: string): FaultKind[] {
  return attacks.flatMap((a): FaultKind[] => {
    if (a.type === undefined) return a.module === module && a.loss !== 0 ? ['loss'] : [];
    if (a.type === 'crash') return [a.replicas === 'leader' ? 'leader-crash' : 'crash'];
    if (['partition', 'leader-delay', 'leader-dos', 'leader-isolation'].includes(a.type)) return [a.type as FaultKind];
    return ['byzantine'];
  });
}

describe('swarm mask (Groce et al. 2012)', () => {
  const definition = inTreeTarget('pbft').definition;
  const masks = Array.from({ length: 200 }, (_, seed) => drawSwarmMask(new Rng(seed + 1, 'swarm-test'), definition));

  it('is the same for the same seed', () => {
    for (let seed = 1; seed <= 50; seed++) expect(drawSwarmMask(new Rng(seed, 'swarm-test'), definition)).toEqual(masks[seed - 1]);
  });

  it('enables every kind in some seeds and leaves each out of others', () => {
    for (const kind of applicableKinds(definition)) {
      const on = masks.filter((m) => m.has(kind)).length;
      expect(on).toBeGreaterThan(60);
      expect(on).toBeLessThan(140);
    }
  });

  it('offers Byzantine behaviour only to a Byzantine fault model', () => {
    expect(applicableKinds(definition)).toContain('byzantine');
    expect(applicableKinds(inTreeTarget('raft').definition)).not.toContain('byzantine');
  });

  it('keeps a schedule to the kinds its mask enables, and every kind is drawn in some schedule', () => {
    const seen = new Set<FaultKind>();
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Rng(seed, 'swarm-schedule');
      const kinds = drawSwarmMask(rng.stream('swarm'), definition);
      const schedule = drawFaults(rng.stream('faults'), { definition, nodes: 7, clients: 2, faultPhaseUs: 4_000_000, isolationPhaseUs: 4_000_000, beyond: false, kinds });
      for (const kind of kindsOf(schedule.attacks as Entry[], ASYNCHRONY_MODULE)) {
        expect(kinds.has(kind)).toBe(true);
        seen.add(kind);
      }
    }
    expect([...seen].sort()).toEqual([...applicableKinds(definition)].sort());
  });
});

describe('Raft catch-up batches a seed draws', () => {
  it('draws maxEntriesPerAppend of 4 or fewer about half the time, up to MESSAGE_BATCHES', () => {
    const drawn = Array.from({ length: 400 }, (_, seed) => drawProtocolParams(new Rng(seed), 'raft', { deltaUs: 20_000, nodes: 5, quorum: 3, broadcastUs: () => 20_000 }).block['maxEntriesPerAppend'] as number);
    expect(Math.min(...drawn)).toBe(1);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(MESSAGE_BATCHES);
    const small = drawn.filter((m) => m <= 4).length / drawn.length;
    expect(small).toBeGreaterThan(0.4);
    expect(small).toBeLessThan(0.7);
  });
});
