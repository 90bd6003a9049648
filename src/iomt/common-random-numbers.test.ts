import { describe, expect, it } from 'vitest';
import { pbft } from '../protocols/pbft/index.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld, type IomtWorldConfig } from './world.ts';

/**
 * Each device's first reading time, each patient's episodes (less the patient's number) and
 * whether it consented to research at genesis, the times each clinician asked for a record over a
 * minute (an open loop, so its own draws alone), and each node's and gateway's stream, by place.
 */
function drawsByPlace(overrides: Partial<IomtWorldConfig>): { devices: Map<string, unknown>; patients: Map<string, unknown>; clinicians: Map<string, unknown>; streams: Map<string, unknown> } {
  const w = new IomtWorld(smallWorldConfig(pbft, { ...overrides, durationUs: 60_000_000 }));
  // Nodes and gateways draw network latencies only (fixed in this world): their streams' names, by place.
  const streamOf = (host: number): string => w.engine.streamName(host);
  const streams = new Map<string, unknown>([
    ...w.topology.nodes.map((n) => [`node ${n.place}`, streamOf(n.host)] as const),
    ...w.topology.hospitals.flatMap((h) => h.gateways.map((g, ward) => [`gateway h${h.index}/w${ward}`, streamOf(g)] as const)),
  ]);
  const devices = new Map(w.topology.devices.map((d, i) => [d.place, w.devices[i]!.firstReadingUs]));
  const research = new Set([...w.apps[w.topology.nodes[0]!.host]!.consent.consents.values()].filter((r) => r.scope === 'research').map((r) => r.patient));
  const patients = new Map(
    w.topology.patientPlaces.map((place, p) => [place, { episodes: w.vitals[p]!.episodes.map(({ kind, startUs, endUs, level }) => ({ kind, startUs, endUs, level })), research: research.has(w.patientPseudonyms[p]!) }]),
  );
  const clinicianAt = new Map(w.topology.clinicians.map((c) => [c.host, c.place]));
  const clinicians = new Map<string, number[]>([...clinicianAt.values()].map((place) => [place, []]));
  w.engine.observe((host, event, timeUs) => {
    if (event.kind === 'iomt-access-submitted' && clinicianAt.has(host)) clinicians.get(clinicianAt.get(host)!)!.push(timeUs);
  });
  w.run();
  return { devices, patients, clinicians, streams };
}

/** The places both worlds have, with what each drew there. */
function shared<T>(a: Map<string, T>, b: Map<string, T>): [T[], T[]] {
  const places = [...a.keys()].filter((k) => b.has(k));
  return [places.map((k) => a.get(k)!), places.map((k) => b.get(k)!)];
}

// docs/architecture.md, "Randomness": what two worlds of different sizes share draws the same
// numbers, so that a sweep over a size compares them on common random numbers.
describe('an IoMT world grown by a bed, a clinician or a hospital', () => {
  for (const [what, small, large] of [
    ['a bed a ward', { bedsPerWard: 3 }, { bedsPerWard: 4 }],
    ['a clinician a ward', { access: { ...smallWorldConfig(pbft).access, cliniciansPerWard: 1 } }, { access: { ...smallWorldConfig(pbft).access, cliniciansPerWard: 2 } }],
    ['a hospital', { hospitals: 1 }, { hospitals: 2 }],
  ] as const) {
    it(`keeps the draws of every node, gateway, device, patient and clinician it shares with the smaller one: ${what}`, () => {
      const a = drawsByPlace(small), b = drawsByPlace(large);
      const [devicesA, devicesB] = shared(a.devices, b.devices);
      expect(devicesA.length).toBe(a.devices.size);
      expect(devicesB).toEqual(devicesA);
      const [patientsA, patientsB] = shared(a.patients, b.patients);
      expect(patientsA.length).toBe(a.patients.size);
      expect(patientsB).toEqual(patientsA);
      const [cliniciansA, cliniciansB] = shared(a.clinicians, b.clinicians);
      expect(cliniciansA.length).toBe(a.clinicians.size);
      expect(cliniciansB).toEqual(cliniciansA);
      expect(cliniciansA.flat().length).toBeGreaterThan(0);
      const [streamsA, streamsB] = shared(a.streams, b.streams);
      expect(streamsA.length).toBe(a.streams.size);
      expect(streamsB).toEqual(streamsA);
      // Not all equal by accident: the devices drew different phases, some patients consented to research and some did not.
      expect(new Set(devicesA).size).toBeGreaterThan(1);
      expect(new Set(patientsA.map((p) => (p as { research: boolean }).research)).size).toBe(2);
    });
  }
});
