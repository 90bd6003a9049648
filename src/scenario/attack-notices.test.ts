/** Notices of attacks that a valid scenario never carries out (a window opening at or after the end). */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index.ts';
import { attacksThatNeverAct, pointNotices } from './attack-notices.ts';

const scenario = (duration: string, start: string) =>
  loadScenarioText('s.yaml', `name: s\nduration: ${duration}\nconsensus: { protocol: pbft, nodes: 7 }\nattacks:\n  - { type: crash, replicas: [1], start: 1s }\n  - { type: silence, replicas: [2], start: ${start} }\n`).scenario;

describe('attacks that never act', () => {
  it('names an attack whose window opens at the end of the run, with its position, type, start and the duration', () => {
    expect(attacksThatNeverAct(scenario('2s', '2s'))).toEqual([
      "attacks.1 (silence) starts at 2 s, at or after the run's end (duration 2 s): it never acts in this run",
    ]);
  });

  it('says nothing of an attack that opens a microsecond before the end', () => {
    expect(attacksThatNeverAct(scenario('2s', '1999999us'))).toEqual([]);
  });

  it('names the sweep point where one point shortens the run past an attack', () => {
    const points = [
      { parameters: { duration: '5s' }, scenario: scenario('5s', '3s') },
      { parameters: { duration: '3s' }, scenario: scenario('3s', '3s') },
    ];
    expect(pointNotices(points)).toEqual([
      "at duration=3s: attacks.1 (silence) starts at 3 s, at or after the run's end (duration 3 s): it never acts in this run",
    ]);
  });
});
