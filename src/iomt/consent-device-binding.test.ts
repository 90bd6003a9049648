/**
 * Who may act for patients and on devices, bound at genesis: each patient's consents are granted
 * and revoked from its hospital's portal (PatientRegistry), each hospital's gateways' devices are
 * managed by its administration (DeviceAdministrators), on every replica; an attack's patient agent
 * or security service is bound the same way before the run. The benign run's portal revocations
 * and administrations' rotations and revocations are all executed, none rejected for identity.
 */
import { describe, expect, it } from 'vitest';
import type { ContractOutcome } from '../contracts/index.ts';
import { pbft } from '../protocols/pbft/index.ts';
import type { IomtEvent } from './events.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

const config = () => smallWorldConfig(pbft, { durationUs: 60_000_000, identity: { actionsPerHour: 600, revokeFraction: 0.3 }, access: { cliniciansPerWard: 1, clinicianRatePerHour: 60, breakGlassProbability: 0, researchers: 1, researcherRatePerHour: 60, researchConsentFraction: 0.5, revocationsPerHour: 600 } });

describe('patient and device-administrator bindings', () => {
  it("binds every patient to its hospital's portal and every gateway to its hospital's administration on every replica, and an attack's agents the same way before the run", () => {
    const w = new IomtWorld(config());
    const topo = w.topology;
    const replicas = topo.nodes.map((n) => w.apps[n.host]!);
    for (const app of replicas) {
      for (const d of topo.devices) expect(app.patients.hostsOf(w.patientPseudonyms[d.patient]!)).toEqual([topo.hospitals[d.hospital]!.portal]);
      for (const h of topo.hospitals) for (const g of h.gateways) expect(app.deviceAdmins.authorityOf(h.admin, g)).toBe('admin');
    }
    const pt = w.patientPseudonyms[topo.devices[0]!.patient]!;
    const agent = w.engine.hostCount;
    w.enrolPatientAgent(pt, agent);
    w.enrolDeviceAuthority(agent + 1, [topo.hospitals[0]!.gateways[0]!], 'revoke');
    for (const app of replicas) {
      expect(app.patients.hostsOf(pt)).toEqual([topo.hospitals[topo.devices[0]!.hospital]!.portal, agent]);
      expect(app.deviceAdmins.authorityOf(agent + 1, topo.hospitals[0]!.gateways[0]!)).toBe('revoke');
    }
    expect(new Set(replicas.map((a) => a.stateDigest())).size).toBe(1);
    expect(() => w.enrolPatientAgent('pt_nobody', agent)).toThrow(/no patient/);
  });

  it("executes every portal revocation and administration change of a benign run (none rejected), and refuses to bind once the run began", () => {
    const w = new IomtWorld(config());
    const rejected: string[] = [];
    let revoked = 0, changed = 0;
    w.engine.observe((_h, e) => {
      if (e.kind !== 'iomt-contract-outcome') return;
      const o = (e as Extract<IomtEvent, { kind: 'iomt-contract-outcome' }>).outcome as ContractOutcome;
      if (o.kind === 'rejected') rejected.push(o.reason);
      if (o.kind === 'consent-revoked') revoked++;
      if (o.kind === 'device') changed++;
    });
    w.run();
    expect(revoked).toBeGreaterThan(0);
    expect(changed).toBeGreaterThan(0);
    expect(rejected.filter((r) => r === 'patient-not-sender' || r === 'not-device-administrator' || r === 'patient-not-at-gateway')).toEqual([]);
    expect(() => w.enrolPatientAgent(w.patientPseudonyms[0]!, w.engine.hostCount)).toThrow(/after the run began/);
    expect(() => w.enrolDeviceAuthority(w.engine.hostCount, [w.topology.hospitals[0]!.gateways[0]!], 'revoke')).toThrow(/after the run began/);
  });
});
