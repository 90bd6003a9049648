import { describe, expect, it } from 'vitest';
import { ATTACK_REGISTRY } from '../attacks/registry.ts';
import { consensusScenario, smallIomtScenario } from './testing/scenarios.ts';
import { zAttacks } from '../scenario/sections/attacks.ts';
import { assembleWorld } from './assemble.ts';
import { consensusConfiguration } from './consensus.ts';
import { excusedWindows } from './excused-windows.ts';
import { iomtConfiguration } from './iomt.ts';

const S = 1_000_000;
const END = 300 * S;
const windows = (attacks: unknown[], maxFaulty = 1, replicas = 4) => excusedWindows(zAttacks.parse(attacks), ATTACK_REGISTRY, maxFaulty, replicas, END);

const SILENCE_2_CRASH_2 = [
  { type: 'silence', start: '10s', end: '30s', replicas: [1, 2] },
  { type: 'crash', start: '40s', end: '50s', replicas: [3] },
  { type: 'crash', start: '60s', end: '70s', replicas: [0] },
];
const CRASHES_APART = [{ type: 'crash', start: '10s', end: '20s', replicas: [1] }, { type: 'crash', start: '40s', end: '50s', replicas: [2] }];
const CRASHES_OVERLAPPING_AND_A_PARTITION = [
  { type: 'crash', start: '10s', end: '30s', replicas: [1] },
  { type: 'crash', start: '20s', end: '40s', replicas: 'leader' },
  { type: 'partition', start: '100s', end: '110s', groups: [[0, 1], [2, 3]] },
];
const BYZANTINE_REPLICA_CRASHES = [{ type: 'equivocation', replicas: [0] }, { type: 'crash', start: '10s', end: '20s', replicas: [0] }];
const BYZANTINE_AND_ANOTHER_CRASH = [{ type: 'silence', start: '5s', end: '6s', replicas: [0] }, { type: 'crash', start: '10s', end: '20s', replicas: [2] }];

describe('excused liveness windows (one rule, f from the protocol)', () => {
  it('excuse the whole run when the Byzantine replicas alone exceed f', () => {
    expect(windows(SILENCE_2_CRASH_2)).toEqual([[0, END]]);
  });

  it('count crashes only while they overlap: two crashes apart stay inside f = 1', () => {
    expect(windows(CRASHES_APART)).toEqual([]);
  });

  it("excuse overlapping crashes beyond f and partitions; 'leader', until known, may be a replica already counted", () => {
    expect(windows(CRASHES_OVERLAPPING_AND_A_PARTITION)).toEqual([[100 * S, 110 * S]]);
    const specs = zAttacks.parse(CRASHES_OVERLAPPING_AND_A_PARTITION);
    const known = (leader: number) => excusedWindows(specs, ATTACK_REGISTRY, 1, 4, END, new Map([[specs[1]!, leader]]));
    expect(known(0)).toEqual([[10 * S, 30 * S], [20 * S, 40 * S], [100 * S, 110 * S]]);
    expect(known(1)).toEqual([[100 * S, 110 * S]]);
    // Alone, a crash of the leader is one faulty replica.
    expect(windows([{ type: 'crash', start: '20s', end: '40s', replicas: 'leader' }])).toEqual([]);
  });

  it("excuse, once the crashed leader is known, the windows it takes beyond f: not where it is the replica a partition cut off", () => {
    // PBFT at n = 4 starts in view 0, led by replica 0.
    const excusedWhen = (cutOff: number): [number, number][] => {
      const attacks = [{ type: 'crash', start: '10s', end: '20s', replicas: 'leader' }, { type: 'partition', start: '10s', end: '20s', groups: [[cutOff], [0, 1, 2, 3].filter((r) => r !== cutOff)] }];
      const scenario = consensusScenario({ duration: '30s', consensus: { protocol: 'pbft', nodes: 4 }, attacks } as never);
      const world = assembleWorld(scenario, consensusConfiguration(scenario, 1));
      expect(world.excused).toEqual([]);
      const calls: [number, number][] = [];
      const excuse = world.view.excuseLiveness;
      (world.view as { excuseLiveness: (a: number, b: number) => void }).excuseLiveness = (a, b) => {
        calls.push([a, b]);
        excuse(a, b);
      };
      world.run();
      return calls;
    };
    expect(excusedWhen(0)).toEqual([]);
    expect(excusedWhen(1)).toEqual([[10 * S, 20 * S], [10 * S, 20 * S]]);
  });

  it('count a Byzantine replica that also crashes once, and a crash beside a Byzantine replica as two', () => {
    expect(windows(BYZANTINE_REPLICA_CRASHES)).toEqual([]);
    expect(windows(BYZANTINE_AND_ANOTHER_CRASH)).toEqual([[10 * S, 20 * S]]);
    expect(windows(BYZANTINE_AND_ANOTHER_CRASH, 2)).toEqual([]);
  });

  it('owe progress through a cut that leaves a side of n − f replicas, and excuse one that leaves none', () => {
    const split = (groups: number[][]) => [{ type: 'partition', start: '10s', end: '20s', groups }];
    expect(windows(split([[0], [1, 2, 3]]))).toEqual([]);
    expect(windows(split([[0], [1]]))).toEqual([]); // 2 and 3 reach both: {0, 2, 3} is whole
    expect(windows(split([[0, 1], [2, 3]]))).toEqual([[10 * S, 20 * S]]);
    expect(windows(split([[0, 1], [2, 3, 4, 5, 6]]), 2, 7)).toEqual([]);
    expect(windows(split([[0, 1, 2], [3, 4, 5, 6]]), 2, 7)).toEqual([[10 * S, 20 * S]]);
    expect(windows([{ type: 'eclipse', start: '10s', end: '20s', victim: 3 }])).toEqual([]);
  });

  it('count a cut-off replica with the crashes and Byzantine replicas overlapping the cut', () => {
    const cutOffZero = { type: 'partition', start: '10s', end: '20s', groups: [[0], [1, 2, 3]] };
    expect(windows([cutOffZero, { type: 'crash', start: '15s', end: '30s', replicas: [2] }])).toEqual([[10 * S, 20 * S], [15 * S, 30 * S]]);
    expect(windows([cutOffZero, { type: 'crash', start: '15s', end: '30s', replicas: [0] }])).toEqual([]);
    expect(windows([cutOffZero, { type: 'crash', start: '25s', end: '30s', replicas: [2] }])).toEqual([]);
    expect(windows([cutOffZero, { type: 'silence', replicas: [1] }])).toEqual([[10 * S, 20 * S]]);
    // Two cuts at once: the side whole under both is {1, 2, 3} ∩ {0, 1, 2} = {1, 2}.
    expect(windows([cutOffZero, { type: 'eclipse', start: '12s', end: '14s', victim: 3 }])).toEqual([[10 * S, 20 * S], [12 * S, 14 * S]]);
    expect(windows([cutOffZero, { type: 'eclipse', start: '12s', end: '14s', victim: 0 }])).toEqual([]);
  });

  it('are the same in a consensus-only world and an IoMT world running the same attacks (PBFT, n = 4, f = 1)', () => {
    for (const attacks of [SILENCE_2_CRASH_2, CRASHES_APART, CRASHES_OVERLAPPING_AND_A_PARTITION, BYZANTINE_AND_ANOTHER_CRASH]) {
      const consensus = consensusScenario({ duration: '5m', consensus: { protocol: 'pbft', nodes: 4 }, attacks } as never);
      const iomt = smallIomtScenario({}, { duration: '5m', attacks } as never);
      const a = assembleWorld(consensus, consensusConfiguration(consensus, 1)).excused;
      const b = assembleWorld(iomt, iomtConfiguration(iomt, 1)).excused;
      expect(b).toEqual(a);
      expect(a).toEqual(windows(attacks));
    }
  });
});
