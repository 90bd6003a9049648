import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/index.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { runIomtWorld } from '../testing/run.ts';
import { smallIomtScenario } from '../testing/scenarios.ts';
import { planSplit, simulateOnThreads, threadsRefusal } from './run.ts';

type Protocol = 'pbft' | 'hotstuff' | 'raft' | 'poa';

/** Radio, LAN and WAN latencies with floors (the window a thread runs alone is the least of them across a cut). */
function links(floorUs: number) {
  return {
    radio: { kind: 'normal', mean: '5ms', sd: '1ms', min: `${2 * floorUs}us` },
    lan: { kind: 'normal', mean: '1ms', sd: '200us', min: `${floorUs}us` },
    wan: { kind: 'normal', mean: '20ms', sd: '4ms', min: `${8 * floorUs}us` },
  };
}

/** A small IoMT world: `hospitals` hospitals, one node each, with a lab, an insurer and a regulator. */
function iomtScenario(w: { protocol: Protocol; hospitals: number; wards: number; beds: number; floorUs: number; attacks?: readonly unknown[]; detectors?: readonly unknown[] }): Scenario {
  const nodes = w.hospitals + 3;
  return smallIomtScenario(
    { hospitals: w.hospitals, wardsPerHospital: w.wards, bedsPerWard: w.beds, links: links(w.floorUs), ...(w.detectors === undefined ? {} : { detectors: w.detectors }) },
    {
      duration: w.protocol === 'poa' ? '80s' : '40s',
      warmup: '10s',
      consensus: { protocol: w.protocol, nodes, batchSize: 10, batchTimeout: '200ms', ...(w.protocol === 'poa' ? { poa: { period: '2s', wiggle: '200ms' } } : {}) },
      attacks: (w.attacks ?? []) as never,
    } as never,
  );
}

/**
 * The device attacks that split, each on a device, gateway or store of the first hospital from 15 s,
 * with an outcome its one-thread run counts inside the partitions' hosts (so the comparison is not
 * of zeros).
 */
const DEVICE_ATTACKS: Readonly<Record<string, { readonly spec: unknown; readonly evidence: string }>> = {
  replay: { spec: { type: 'replay', start: '15s', devices: [0, 1], delay: '2s' }, evidence: 'iomt.replayed_arrived' },
  tamper: { spec: { type: 'tamper', start: '15s', devices: [0, 1] }, evidence: 'iomt.tampered_arrived' },
  flood: { spec: { type: 'flood', start: '15s', devices: [0, 2], rate: 5 }, evidence: 'attack.flood_arrived' },
  sybil: { spec: { type: 'sybil', start: '15s', gateway: 0, identities: 4, rate: 5 }, evidence: 'iomt.forged_arrived' },
  ransomware: { spec: { type: 'ransomware', start: '15s', hospital: 0 }, evidence: 'attack.records_unrecoverable' },
  'record-tamper': { spec: { type: 'record-tamper', start: '15s', devices: [0, 1, 2], interval: '5s' }, evidence: 'attack.records_tampered' },
  'compromised-gateway': { spec: { type: 'compromised-gateway', start: '15s', gateway: 0, drop: 0.5 }, evidence: 'attack.gateway_dropped_readings' },
  'phi-leak': { spec: { type: 'phi-leak', start: '15s', gateways: [0] }, evidence: 'attack.phi_leak.leaking_txs' },
  'consent-bypass': { spec: { type: 'consent-bypass', start: '15s', hospital: 0, rate: 2 }, evidence: 'attack.unauthorized_requests' },
  'consent-misuse': { spec: { type: 'consent-misuse', start: '12s', device: 0, mode: 'expired', validFor: '5s', rate: 2 }, evidence: 'attack.consent_misuse.requests' },
  'audit-bypass': { spec: { type: 'audit-bypass', start: '15s', hospital: 0, rate: 2 }, evidence: 'attack.audit_bypass.unaudited_reads' },
  insider: { spec: { type: 'insider', start: '15s', clinicians: [0], rate: 720 }, evidence: 'attack.insider_extra_requests' },
  // A device of the second hospital: its gateway and the security service (at the first) run apart.
  // At seed 9 device 13's detector alarms on the spoofed values and the service revokes it (device
  // 12's had too few readings of its own by 15 s, and learnt the spoofer's values as its baseline).
  'stolen-key': { spec: { type: 'stolen-key', start: '15s', device: 13, rate: 5 }, evidence: 'attack.spoofed_rejected_after_revocation' },
};

describe('one IoMT replication on threads', () => {
  it('gives a two-hospital PBFT world on 2 and 3 threads the one-thread output, its states compared from the partitions', async () => {
    const scenario = iomtScenario({ protocol: 'pbft', hospitals: 2, wards: 2, beds: 2, floorUs: 500 });
    const one = runIomtWorld(scenario, 3);
    expect(one.metrics['iomt.readings_anchored']!.value).toBeGreaterThan(300);
    // The coordinator's applications never run: the digests it compares come from the partitions.
    expect(one.checks.find((c) => c.name === 'state-agreement')!.detail).toMatch(/^[1-9]\d* state digests compared/);
    for (const threads of [2, 3]) expect(await simulateOnThreads(scenario, 3, threads)).toEqual(one);
  }, 60_000);

  it('runs nothing due at the end on 2 threads either: bots whose ticks land on it give the one-thread output', async () => {
    // A tick every 200 ms from 15 s lands on the 40 s end: 5/s × 25 s × 2 bots, none at the end itself.
    // One bot in each hospital (12 devices each), so each partition's last window counts one.
    const scenario = iomtScenario({ protocol: 'pbft', hospitals: 2, wards: 1, beds: 2, floorUs: 500, attacks: [{ type: 'flood', start: '15s', devices: [0, 12], rate: 5 }] });
    expect(scenario.duration).toBe(40_000_000);
    const one = runIomtWorld(scenario, 5);
    expect(one.metrics['attack.flood_sent']!.value).toBe(250);
    expect(await simulateOnThreads(scenario, 5, 2)).toEqual(one);
  }, 60_000);

  it('gives random IoMT worlds on 1 to 4 threads the one-thread output (protocol, hospitals, wards, beds, floors, attack, seed drawn)', async () => {
    const world = fc.record({
      protocol: fc.constantFrom<Protocol>('pbft', 'hotstuff', 'raft', 'poa'),
      hospitals: fc.integer({ min: 1, max: 3 }),
      wards: fc.integer({ min: 1, max: 2 }),
      beds: fc.integer({ min: 1, max: 2 }),
      floorUs: fc.integer({ min: 100, max: 1_000 }),
      threads: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 1, max: 1e6 }),
      attack: fc.constantFrom('none', 'crash', 'partition', 'eclipse', 'silence', 'equivocation', ...Object.keys(DEVICE_ATTACKS)),
    });
    // Byzantine behaviours only where the protocol's fault model has them (BFT protocols).
    const attacksFor = (w: { attack: string; protocol: Protocol; hospitals: number }): unknown[] => {
      const nodes = Array.from({ length: w.hospitals + 3 }, (_, i) => i);
      const bft = w.protocol === 'pbft' || w.protocol === 'hotstuff';
      switch (w.attack) {
        case 'crash': return [{ type: 'crash', start: '15s', end: '25s', replicas: [1] }];
        case 'partition': return [{ type: 'partition', start: '15s', end: '20s', groups: [nodes.slice(0, 2), nodes.slice(2)] }];
        case 'eclipse': return [{ type: 'eclipse', start: '15s', end: '25s', victim: nodes.length - 1 }];
        case 'silence': return bft ? [{ type: 'silence', start: '15s', replicas: [0] }] : [];
        case 'equivocation': return bft ? [{ type: 'equivocation', start: '15s', replicas: [0] }] : [];
        // Device 0: the second hospital's device 12 exists only in the worlds of the tests below.
        default: return w.attack === 'none' ? [] : [w.attack === 'stolen-key' ? { ...(DEVICE_ATTACKS[w.attack]!.spec as object), device: 0 } : DEVICE_ATTACKS[w.attack]!.spec];
      }
    };
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const scenario = iomtScenario({ ...w, attacks: attacksFor(w) });
        // A device attack splits only with whole sites per thread: a world with fewer is refused (below).
        const threads = w.attack in DEVICE_ATTACKS ? Math.min(w.threads, w.hospitals + 3) : w.threads;
        expect(await simulateOnThreads(scenario, w.seed, threads)).toEqual(runIomtWorld(scenario, w.seed));
      }),
      // A fixed seed: the same worlds on every run of the suite.
      { numRuns: 8, seed: 19 },
    );
  }, 240_000);

  for (const [name, { spec: attack, evidence }] of Object.entries(DEVICE_ATTACKS)) {
    it(`gives a two-hospital world under ${name} on 3 threads the one-thread output, its outcomes counted in the partitions`, async () => {
      // A value detector, whose alarms let stolen-key's security service revoke.
      const scenario = iomtScenario({ protocol: 'pbft', hospitals: 2, wards: 1, beds: 2, floorUs: 500, attacks: [attack], detectors: [{ type: 'zscore', scope: 'device', feature: 'value', threshold: 8, warmup: 10 }] });
      const one = runIomtWorld(scenario, 9);
      expect(one.metrics[evidence]!.value).toBeGreaterThan(0);
      expect(await simulateOnThreads(scenario, 9, 3)).toEqual(one);
    }, 60_000);
  }

  it('gives two consent-bypass intruders at two hospitals on 3 threads the one-thread output: each named by its attack, not by how many its thread built', async () => {
    const bypass = (hospital: number) => ({ type: 'consent-bypass', start: '10s', hospital, rate: 5 });
    const scenario = iomtScenario({ protocol: 'pbft', hospitals: 2, wards: 1, beds: 2, floorUs: 500, attacks: [bypass(0), bypass(1)] });
    const one = runIomtWorld(scenario, 9);
    expect(one.metrics['attack.unauthorized_reads_denied']!.value).toBeGreaterThan(0);
    expect(await simulateOnThreads(scenario, 9, 3)).toEqual(one);
  }, 60_000);

  it('refuses a device attack with more threads than sites, naming it and the threads', async () => {
    const scenario = iomtScenario({ protocol: 'pbft', hospitals: 1, wards: 1, beds: 1, floorUs: 500, attacks: [DEVICE_ATTACKS['replay']!.spec] });
    await expect(simulateOnThreads(scenario, 1, 5)).rejects.toThrow(/^attacks\.0\.type: expected at most 4 threads with a device attack in this world .*, found --threads 5$/);
  });

  it('refuses an attack that follows the leader in an IoMT world, naming it', () => {
    const scenario = iomtScenario({ protocol: 'pbft', hospitals: 1, wards: 1, beds: 1, floorUs: 500, attacks: [{ type: 'leader-isolation', start: '15s', end: '20s' }] });
    expect(threadsRefusal(scenario)).toMatchObject({ path: 'attacks.0.type', found: "'leader-isolation'" });
  });

  it("splits scenarios/regional.yaml as shipped over 2 threads in windows of its WAN's floor (8 ms): devices reach no other hospital by radio", () => {
    const { scenario } = loadScenario('scenarios/regional.yaml', []);
    const plan = planSplit(scenario, scenario.seed, 2);
    expect(plan).toMatchObject({ lookaheadUs: 8_000 });
    expect(new Set((plan as { assignment: number[] }).assignment)).toEqual(new Set([0, 1]));
  });

  it('names the link whose latency leaves no window (the WAN between hospitals), not all of iomt.links', () => {
    const { scenario } = loadScenario('scenarios/regional.yaml', ['iomt.links.wan.min=0ms']);
    expect(planSplit(scenario, scenario.seed, 2)).toEqual({
      problem: { path: 'iomt.links.wan', expected: expect.stringMatching(/give this normal latency a floor/), found: '0 µs', blamed: ['iomt', 'links', 'wan', 'min'] },
    });
  });
});
