import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/index.ts';
import { inTreeTarget } from './target.ts';
import { drawFaults } from './faults.ts';
import { drawProtocolParams, MESSAGE_BATCHES } from './protocol-params.ts';

type Entry = { type?: string; start: string; end?: string; followers?: number; follow?: boolean };

/** The fuzzer writes durations in whole milliseconds ('1234ms'). */
const us = (d: string | undefined): number => (d === undefined ? Infinity : Number(d.replace(/ms$/, '')) * 1000);

/** The fault schedules of seeds 1..count for Raft, with n and the fault phase drawn as a seed would. */
function raftSchedules(count: number): { nodes: number; faultPhaseUs: number; attacks: Entry[] }[] {
  const definition = inTreeTarget('raft').definition;
  return Array.from({ length: count }, (_, k) => {
    const rng = new Rng(k + 1, 'faults-test');
    const nodes = 4 + rng.int(10);
    const faultPhaseUs = (2 + rng.int(5)) * 1_000_000;
    const schedule = drawFaults(rng.stream('faults'), { definition, nodes, clients: 2, faultPhaseUs, beyond: false });
    return { nodes, faultPhaseUs, attacks: schedule.attacks as Entry[] };
  });
}

describe('leader isolation in a seed\'s fault schedule', () => {
  const schedules = raftSchedules(300);
  const isolations = schedules.flatMap((s) => s.attacks.filter((a) => a.type === 'leader-isolation').map((a) => ({ ...s, a })));

  it('is drawn in some seeds, most of them following each new leader', () => {
    expect(isolations.length).toBeGreaterThan(100);
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
