/**
 * Readers (clinicians, researchers) are bound to the hosts that act for them in the genesis state's
 * ReaderRegistry, so AccessControl decides a request only from the host its requester is bound to:
 * the world binds its own readers in the genesis transactions, and a reader an attack injects
 * through `enrolReader`, before the run, on every replica alike.
 */
import { describe, expect, it } from 'vitest';
import type { ContractOutcome } from '../contracts/index.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { IomtEvent } from './events.ts';
import { pseudonym } from './pseudonym.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

const config = () => smallWorldConfig(pbft, { durationUs: 60_000_000, access: { cliniciansPerWard: 1, clinicianRatePerHour: 600, breakGlassProbability: 0.1, researchers: 1, researcherRatePerHour: 600, researchConsentFraction: 0.5, revocationsPerHour: 0 } });

describe('reader bindings', () => {
  it("binds every clinician and researcher to its own host on every replica, and binds an injected reader the same way before the run", () => {
    const w = new IomtWorld(config());
    const topo = w.topology;
    const replicas = topo.nodes.map((n) => w.apps[n.host]!);
    for (const app of replicas) {
      for (const cl of topo.clinicians) expect(app.readers.hostOf(pseudonym('cl', 1, cl.host))).toBe(cl.host);
      for (const r of topo.researchers) expect(app.readers.hostOf(pseudonym('rs', 1, r))).toBe(r);
    }
    // A name bound to one host is no other's: enrolling it for another host is a mistake in the world's building.
    const cl = topo.clinicians[0]!;
    expect(() => w.enrolReader(pseudonym('cl', 1, cl.host), cl.host + 1)).toThrow(/bound to host/);
    const injected = w.engine.hostCount;
    const credential = w.enrolReader('cl_injected', injected);
    expect(credential.certificate.requester).toBe('cl_injected');
    for (const app of replicas) expect(app.readers.hostOf('cl_injected')).toBe(injected);
    expect(new Set(replicas.map((a) => a.stateDigest())).size).toBe(1);
  });

  it('decides every honest request (none rejected for identity), and refuses to bind a reader once the run began', () => {
    const w = new IomtWorld(config());
    const rejected: string[] = [];
    let decided = 0;
    w.engine.observe((_h, e) => {
      if (e.kind !== 'iomt-contract-outcome') return;
      const o = (e as Extract<IomtEvent, { kind: 'iomt-contract-outcome' }>).outcome as ContractOutcome;
      if (o.kind === 'rejected') rejected.push(o.reason);
      if (o.kind === 'access') decided++;
    });
    w.run();
    expect(decided).toBeGreaterThan(10);
    expect(rejected.filter((r) => r === 'requester-not-sender')).toEqual([]);
    const m = w.finish().metrics;
    expect(m['iomt.access_permitted']!.value).toBeGreaterThan(0);
    expect(m['iomt.access_requests']!.value).toBe(m['iomt.access_permitted']!.value + m['iomt.access_denied']!.value + m['iomt.access_break_glass']!.value);
    expect(() => w.enrolReader('cl_late', w.engine.hostCount)).toThrow(/after the run began/);
  });
});
