/**
 * attack.labels counts every attack's ground truth in one place: the consensus attacks' and the
 * device attacks' own, those made when installing and those recorded as the attacks act (a record
 * tampered in a store, a read served by a store's insider), on one thread and split over several.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld, runIomtWorld } from './testing/run.ts';
import { smallIomtScenario } from './testing/scenarios.ts';
import { simulateOnThreads } from './threads/run.ts';

describe('attack.labels', () => {
  it("counts the device attacks' labels: scenarios/attacks/flood.yaml's three compromised devices", () => {
    const { scenario } = loadScenario(fileURLToPath(new URL('../../scenarios/attacks/flood.yaml', import.meta.url)), []);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    expect(m['detect.cusum_interarrival.detection_rate']!.value).toBeGreaterThan(0);
    expect(m['attack.labels']!.value).toBe(3);
  });

  it('counts a consensus attack and a device attack together', () => {
    const scenario = smallIomtScenario({}, { duration: '40s', attacks: [{ type: 'crash', start: '20s', end: '30s', replicas: [1] }, { type: 'flood', start: '15s', devices: [0, 2], rate: 5 }] as never });
    // The crashed replica's host, and the two flooding devices.
    expect(runIomtWorld(scenario, 5).metrics['attack.labels']!.value).toBe(3);
  });

  it('counts the labels recorded as the attacks act, the same on 1 and 2 threads: each tampered record and each read served without a permit once, each device once', async () => {
    const floor = 500;
    const scenario = smallIomtScenario(
      {
        hospitals: 2,
        wardsPerHospital: 1,
        bedsPerWard: 2,
        links: {
          radio: { kind: 'normal', mean: '5ms', sd: '1ms', min: `${2 * floor}us` },
          lan: { kind: 'normal', mean: '1ms', sd: '200us', min: `${floor}us` },
          wan: { kind: 'normal', mean: '20ms', sd: '4ms', min: `${8 * floor}us` },
        },
      },
      {
        duration: '40s',
        warmup: '10s',
        consensus: { protocol: 'pbft', nodes: 5, batchSize: 10, batchTimeout: '200ms' },
        attacks: [
          { type: 'flood', start: '15s', devices: [0], rate: 5 },
          { type: 'record-tamper', start: '15s', devices: [0, 1, 2, 12, 13], interval: '5s' },
          { type: 'audit-bypass', start: '15s', hospital: 1, rate: 2 },
        ] as never,
      },
    );
    const one = runIomtWorld(scenario, 9).metrics;
    const tampered = one['attack.records_tampered']!.value;
    const bypassed = one['attack.audit_bypass.unaudited_reads']!.value;
    expect(tampered).toBeGreaterThan(0);
    expect(bypassed).toBeGreaterThan(0);
    // flood: 1 device; audit-bypass: its accomplice and each read it was served.
    expect(one['attack.labels']!.value).toBe(1 + tampered + 1 + bypassed);
    const two = (await simulateOnThreads(scenario, 9, 2)).metrics;
    expect(two['attack.labels']).toEqual(one['attack.labels']);
  }, 60_000);
});

/** RunOutput.attackLabels: the labels by attack type, which tell an attack that never acted (src/runner/silent-attacks.ts). */
describe('attackLabels', () => {
  const consentExpired = fileURLToPath(new URL('../../scenarios/attacks/consent-expired.yaml', import.meta.url));

  it("lists each attack type's labels, a Byzantine replica's for the attack that made it: an equivocating and a crashed replica", () => {
    const { scenario } = loadScenario('scenarios/consortium.yaml', ['duration=3s', 'warmup=1s', 'consensus.nodes=7', 'attacks=[{type: equivocation, start: 1s, replicas: [0]}, {type: crash, start: 1s, replicas: [1]}]']);
    expect(runConsensusWorld(scenario, 3).attackLabels).toEqual({ equivocation: 1, crash: 1 });
  });

  it("labels consent-expired.yaml's former grantee, and the attack's two hosts, once the patient's grant has committed", () => {
    const { scenario } = loadScenario(consentExpired, []);
    // The former grantee's access (by pseudonym), its host, and the host of the patient's side.
    expect(runIomtWorld(scenario, scenario.seed).attackLabels).toEqual({ 'consent-misuse': 3 });
  });

  it('labels no former grantee whose grant has not committed by the end (PoA, 15 s blocks, a 100 s run), on 1 and 2 threads', async () => {
    const { scenario } = loadScenario(consentExpired, ['consensus.protocol=poa', 'duration=100s']);
    const one = runIomtWorld(scenario, scenario.seed);
    expect(one.attackLabels).toEqual({ 'consent-misuse': 0 });
    expect(one.metrics['attack.labels']!.value).toBe(0);
    expect((await simulateOnThreads(scenario, scenario.seed, 2)).attackLabels).toEqual(one.attackLabels);
  }, 60_000);
});
