/**
 * attack.legit_latency_ms.p95 in IoMT attack runs counts legitimate transactions only: none an
 * attack made. Each case computes the expected value from the run's confirmations, leaving out the
 * attack's transactions as the test tells them (the attack's hosts; the insider's extra requests
 * as those its attack-free run does not make), and compares it with the metric.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { IomtWorld } from '../iomt/world.ts';
import type { Transaction } from '../ledger/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { quantileInterpolated } from '../stats/index.ts';
import { runIomtWorld } from './testing/run.ts';
import { simulateOnThreads } from './threads/run.ts';

const file = (name: string) => fileURLToPath(new URL(`../../scenarios/attacks/${name}.yaml`, import.meta.url));

interface Confirmation {
  readonly tx: Transaction;
  readonly latencyMs: number;
}

/** Run `name` with `set`; every confirmation of a transaction submitted in [fromUs, toUs), the metrics, and the world. */
function run(name: string, set: readonly string[], fromUs: number, toUs: number) {
  const { scenario } = loadScenario(file(name), set);
  const confirmed: Confirmation[] = [];
  let world: IomtWorld | undefined;
  const out = runIomtWorld(scenario, scenario.seed, {
    setup: (w) => { world = w; },
    observers: [(_h: HostId, e: ModelEvent, t: number) => {
      if (e.kind !== 'confirmed') return;
      const tx = (e as ModelEvent & { tx: Transaction }).tx;
      if (tx.submittedUs >= fromUs && tx.submittedUs < toUs) confirmed.push({ tx, latencyMs: (t - tx.submittedUs) / 1000 });
    }],
  });
  return { scenario, confirmed, metrics: out.metrics, world: world! };
}

const p95 = (cs: readonly Confirmation[]) => quantileInterpolated(cs.map((c) => c.latencyMs), 0.95);

/** scenarios/attacks/consent-revoked.yaml cut to one device and no honest access or identity traffic: the former grantee's requests are nearly all there is. */
const quietConsentRevoked = [
  'iomt.wardsPerHospital=1', 'iomt.bedsPerWard=1', 'iomt.devicesPerBed.pulseOximeter=0', 'iomt.devicesPerBed.wearable=0', 'iomt.devicesPerBed.cgm=1',
  'iomt.access.clinicianRatePerHour=0', 'iomt.access.researcherRatePerHour=0', 'iomt.access.revocationsPerHour=0', 'iomt.identity.actionsPerHour=0', 'expect={}',
];

describe('attack.legit_latency_ms.p95 in IoMT attack runs', () => {
  it("leaves out consent-misuse's own hosts (the former grantee's requests, the scripted patient's grant and revocation), on 1 and 2 threads", async () => {
    const r = run('consent-revoked', quietConsentRevoked, 60_000_000, Infinity);
    // The attack's hosts, told by what they submit: the former grantee's requests, the patient's side's grant and revocation.
    const args = (tx: Transaction) => tx.call?.args ?? {};
    const own = new Set(r.confirmed.filter((c) => args(c.tx)['requester'] === 'cl_misuse_0' || args(c.tx)['consent'] === 'con_misuse_0').map((c) => c.tx.sender));
    expect(own.size).toBe(2);
    const honest = r.confirmed.filter((c) => !own.has(c.tx.sender));
    const attackers = r.confirmed.filter((c) => own.has(c.tx.sender));
    expect(attackers.length).toBeGreaterThan(200);
    expect(honest.length).toBeGreaterThan(0);
    expect(r.metrics['attack.legit_latency_ms.p95']!.value).toBe(p95(honest));
    expect(p95(r.confirmed)).not.toBe(p95(honest));
    const two = (await simulateOnThreads(r.scenario, r.scenario.seed, 2)).metrics;
    expect(two['attack.legit_latency_ms.p95']).toEqual(r.metrics['attack.legit_latency_ms.p95']);
  }, 60_000);

  it("leaves out the insider's extra requests and keeps its clinician's honest ones (scenarios/attacks/insider.yaml)", () => {
    const r = run('insider', [], 7 * 60_000_000, Infinity);
    const free = run('insider', ['attacks=[]'], 7 * 60_000_000, Infinity);
    // The clinician's honest requests are the attack-free run's (same times, same patients); the others are extra.
    const clinician = r.world.topology.clinicians[0]!.host;
    const key = (tx: Transaction) => `${tx.sender} ${tx.submittedUs} ${JSON.stringify(tx.call?.args['patient'])}`;
    const honestKeys = new Set(free.confirmed.filter((c) => c.tx.sender === clinician).map((c) => key(c.tx)));
    const legit = r.confirmed.filter((c) => c.tx.sender !== clinician || honestKeys.has(key(c.tx)));
    const extra = r.confirmed.length - legit.length;
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThanOrEqual(r.metrics['attack.insider_extra_requests']!.value);
    expect(legit.some((c) => c.tx.sender === clinician)).toBe(true);
    expect(r.metrics['attack.legit_latency_ms.p95']!.value).toBe(p95(legit));
  });

  it.each([
    // Without the honest clients' traffic, gateway 1's anchors are all the legitimate ones.
    ['compromised-gateway', [0], ['iomt.access.clinicianRatePerHour=0', 'iomt.access.researcherRatePerHour=0', 'iomt.access.revocationsPerHour=0', 'iomt.identity.actionsPerHour=0', 'expect={}']],
    ['phi-leak', [0, 1], []],
  ] as const)("leaves out the anchors of %s's gateways", (name, gateways, set) => {
    const r = run(name, set, 60_000_000, 120_000_000);
    const hosts = new Set(gateways.map((g) => r.world.topology.hospitals.flatMap((h) => h.gateways)[g]!));
    const legit = r.confirmed.filter((c) => !hosts.has(c.tx.sender));
    expect(r.confirmed.length - legit.length).toBeGreaterThan(0);
    expect(legit.length).toBeGreaterThan(0);
    expect(r.metrics['attack.legit_latency_ms.p95']!.value).toBe(p95(legit));
    expect(p95(r.confirmed)).not.toBe(p95(legit));
  });
});
