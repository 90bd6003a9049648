/** Notices of attacks that a valid scenario never carries out (a window opening at or after the end). */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index.ts';
import { attacksBeforeDetectorBaselines, attacksThatNeverAct } from './attack-notices.ts';
import { pointNotices } from './notices.ts';

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
    expect(pointNotices(points, () => 's.yaml')).toEqual([
      "at duration=3s: attacks.1 (silence) starts at 3 s, at or after the run's end (duration 3 s): it never acts in this run",
    ]);
  });
});

/** A ward of pulse oximeters (one reading a second) whose gateway runs `detectors`, under `attack`. */
const iomtScenario = (attack: string, detectors = '[{ type: cusum, scope: device, feature: interarrival, warmup: 50 }, { type: zscore, scope: device, feature: value, warmup: 30 }]') =>
  loadScenarioText('s.yaml', `name: s\nduration: 10m\nconsensus: { protocol: pbft }\nworkload: { rateTps: 0 }\niomt:\n  hospitals: 1\n  wardsPerHospital: 1\n  bedsPerWard: 2\n  devicesPerBed: { ecgPatch: 0, pulseOximeter: 1, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 0 }\n  detectors: ${detectors}\nattacks:\n  - ${attack}\n`).scenario;

describe('attacks that start before their detectors have a baseline', () => {
  it('names a stolen key used from the start, each device detector with the time its warm-up ends, and the earliest start that leaves them a baseline', () => {
    // 50 inter-arrival samples take 51 one-second readings, 30 values 30.
    expect(attacksBeforeDetectorBaselines(iomtScenario('{ type: stolen-key, device: 0 }'))).toEqual([
      'attacks.0 (stolen-key) starts at 0 s, before the detectors it is scored by have learnt their baseline from honest traffic (cusum:interarrival by about 51 s, zscore:value by about 30 s): they learn its traffic as part of what is normal, and its detection rates can read 0 whatever they could detect; start it at 51 s or later to score them',
    ]);
  });

  it('names only the detectors still warming up when the attack starts', () => {
    expect(attacksBeforeDetectorBaselines(iomtScenario('{ type: flood, devices: [1], rate: 10, start: 40s }'))[0]).toContain('(cusum:interarrival by about 51 s)');
  });

  it('says nothing of an attack that starts once every detector has its baseline', () => {
    expect(attacksBeforeDetectorBaselines(iomtScenario('{ type: stolen-key, device: 0, start: 51s }'))).toEqual([]);
  });

  it('says nothing of a device attack in a world without device detectors', () => {
    expect(attacksBeforeDetectorBaselines(iomtScenario('{ type: flood, devices: [0], rate: 10 }', '[]'))).toEqual([]);
  });

  it("names an insider acting within the access monitor's five baseline windows of a minute", () => {
    expect(attacksBeforeDetectorBaselines(iomtScenario('{ type: insider, clinicians: [0], rate: 600, start: 4m }'))).toEqual([
      'attacks.0 (insider) starts at 240 s, before the detectors it is scored by have learnt their baseline from honest traffic (ewma:access_rate by about 300 s, cusum:access_rate by about 300 s): they learn its traffic as part of what is normal, and its detection rates can read 0 whatever they could detect; start it at 300 s or later to score them',
    ]);
  });
});
