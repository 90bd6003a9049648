import { describe, expect, it } from 'vitest';
import { IomtLedgerApp, type ContractOutcome } from './app.ts';
import { verifyAuditChain } from './audit.ts';
import { blockOf, callTx } from './testing/builders.ts';
import type { Transaction } from '../ledger/types.ts';

const HOUR_US = 3_600_000_000;
const GW = 100;
const ROOT = 'ab'.repeat(32);

/** The host each reader acts from, bound at genesis (ReaderRegistry). */
const READERS: Readonly<Record<string, number>> = { 'dr-1': 2, 'dr-2': 3, 'dr-9': 4, 'researcher-1': 5 };

/** The host that acts for each patient (its portal), bound at genesis (PatientRegistry). */
const PORTAL = 1;
const OTHER_PORTAL = 8;
/** GW's devices' administration, and a security service that may only revoke them (DeviceAdministrators). */
const ADMIN = 6;
const SECURITY = 10;

function app(): IomtLedgerApp {
  const a = new IomtLedgerApp({ gateways: [GW], alertRules: ['spo2-low'] });
  a.applyGenesis(
    [
      ...Object.entries(READERS).map(([requester, host]) => callTx(-1, 'ReaderRegistry', 'enrol', { requester, host })),
      // pt-1 wears a device registered with GW; pt-2 is another hospital's patient.
      callTx(-1, 'DeviceRegistry', 'enrol', { device: 'dev_0', keyId: 'k0', deviceType: 'ecg', patient: 'pt-1', gateway: GW }),
      callTx(-1, 'PatientRegistry', 'enrol', { patient: 'pt-1', host: PORTAL }),
      callTx(-1, 'PatientRegistry', 'enrol', { patient: 'pt-2', host: OTHER_PORTAL }),
      callTx(-1, 'DeviceAdministrators', 'enrol', { host: ADMIN, gateway: GW, authority: 'admin' }),
      callTx(-1, 'DeviceAdministrators', 'enrol', { host: SECURITY, gateway: GW, authority: 'revoke' }),
    ],
    blockOf(0, 0, []),
  );
  return a;
}
const reasons = (out: ContractOutcome[]) => out.map((o) => (o.kind === 'rejected' ? o.reason : o.kind));
function grant(id: string, grantee = 'dr-1', purpose = 'TREAT'): Transaction {
  return callTx(PORTAL, 'Consent', 'grant', { consent: id, patient: 'pt-1', grantee, scope: 'treatment', purpose, periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' });
}
/** `grantee`'s request, sent by `sender` (by default the host `grantee` is bound to). */
function access(id: string, grantee = 'dr-1', breakGlass = false, sender = READERS[grantee] ?? 2): Transaction {
  return callTx(sender, 'AccessControl', 'request', { request: id, requester: grantee, patient: 'pt-1', purpose: breakGlass ? 'ETREAT' : 'TREAT', breakGlass });
}
function run(a: IomtLedgerApp, blocks: Transaction[][]): ContractOutcome[] {
  const out: ContractOutcome[] = [];
  a.listener = (o) => out.push(o);
  blocks.forEach((txs, i) => {
    const b = blockOf(i + 1, (i + 1) * 1_000_000, txs);
    for (const tx of txs) a.execute(tx, b);
  });
  return out;
}
function decisions(out: ContractOutcome[]): string[] {
  return out.flatMap((o) => (o.kind === 'access' ? [`${o.height}:${o.access.request}:${o.access.decision}`] : []));
}

describe('IomtLedgerApp', () => {
  it('denies access from the block after a revocation commits and permits it before', () => {
    const revoke = callTx(PORTAL, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-1' });
    const out = run(app(), [[grant('c1')], [access('r1')], [revoke], [access('r2')], [access('r3')]]);
    expect(decisions(out)).toEqual(['2:r1:permit', '4:r2:deny', '5:r3:deny']);
  });

  it('lets only the consenting patient revoke', () => {
    // pt-1's portal naming another patient is not c1's owner (a host acting for pt-1 may still not misname it).
    const forged = callTx(PORTAL, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-2' });
    const out = run(app(), [[grant('c1')], [forged], [access('r1')]]);
    expect(out.some((o) => o.kind === 'rejected' && o.reason === 'not-consent-owner')).toBe(true);
    expect(decisions(out)).toEqual(['3:r1:permit']);
  });

  it("rejects a grant from a host that does not act for the patient named: no consent, no permit, nothing audited in the patient's name", () => {
    const a = app();
    // dr-2's host grants dr-2 pt-1's consent; pt-2's portal does the same; neither acts for pt-1.
    const selfGrant = callTx(READERS['dr-2']!, 'Consent', 'grant', { consent: 'c-forged', patient: 'pt-1', grantee: 'dr-2', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' });
    const otherPortal = callTx(OTHER_PORTAL, 'Consent', 'grant', { consent: 'c-forged-2', patient: 'pt-1', grantee: 'dr-2', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' });
    const out = run(a, [[selfGrant, otherPortal], [access('r1', 'dr-2')], [grant('c1', 'dr-2')], [access('r2', 'dr-2')]]);
    expect(reasons(out)).toEqual(['patient-not-sender', 'patient-not-sender', 'access', 'consent-granted', 'access']);
    expect(decisions(out)).toEqual(['2:r1:deny', '4:r2:permit']);
    expect(a.consent.consents.has('c-forged')).toBe(false);
    expect(a.rejected).toBe(2);
    // Only the portal's grant is audited as pt-1's consent.
    expect(a.audit.entries.filter((e) => e.type === 'consent').map((e) => `${e.ref}:${e.agent}`)).toEqual(['c1:pt-1']);
  });

  it("rejects a revocation from a host that does not act for the consent's patient, whatever patient it names; the patient's own works", () => {
    const a = app();
    const forged = callTx(READERS['dr-2']!, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-1' });
    const out = run(a, [[grant('c1')], [forged], [access('r1')], [callTx(PORTAL, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-1' })], [access('r2')]]);
    expect(reasons(out)).toEqual(['consent-granted', 'patient-not-sender', 'access', 'consent-revoked', 'access']);
    expect(decisions(out)).toEqual(['3:r1:permit', '5:r2:deny']);
    expect(a.audit.entries.filter((e) => e.type === 'consent').map((e) => `${e.action}:${e.ref}:${e.agent}`)).toEqual(['C:c1:pt-1', 'D:c1:pt-1']);
  });

  it("binds patients' agents only at genesis", () => {
    const a = app();
    const out = run(a, [[callTx(3, 'PatientRegistry', 'enrol', { patient: 'pt-1', host: 3 }), callTx(3, 'DeviceAdministrators', 'enrol', { host: 3, gateway: GW, authority: 'admin' })]]);
    expect(reasons(out)).toEqual(['patient-enrolment-at-genesis-only', 'administrator-enrolment-at-genesis-only']);
    expect(a.patients.hostsOf('pt-1')).toEqual([PORTAL]);
    expect(a.deviceAdmins.authorityOf(3, GW)).toBeUndefined();
    // A second agent of a patient is bound at genesis alongside the first.
    a.applyGenesis([callTx(-1, 'PatientRegistry', 'enrol', { patient: 'pt-1', host: 3 })], blockOf(0, 0, []));
    expect(a.patients.hostsOf('pt-1')).toEqual([PORTAL, 3]);
    expect(a.stateDigest()).not.toBe(app().stateDigest());
  });

  it("lets only an administrator of the device's gateway enrol, rotate or revoke it, and a security service only revoke; others' calls are rejected, not audited", () => {
    const a = app();
    const intruder = 3;
    const forged = [
      callTx(intruder, 'DeviceRegistry', 'rotateKey', { device: 'dev_0', keyId: 'stolen' }),
      callTx(intruder, 'DeviceRegistry', 'revoke', { device: 'dev_0', status: 'revoked' }),
      callTx(intruder, 'DeviceRegistry', 'enrol', { device: 'dev_x', keyId: 'kx', deviceType: 'ecg', patient: 'pt-1', gateway: GW }),
      callTx(SECURITY, 'DeviceRegistry', 'rotateKey', { device: 'dev_0', keyId: 'stolen' }),
      callTx(SECURITY, 'DeviceRegistry', 'enrol', { device: 'dev_x', keyId: 'kx', deviceType: 'ecg', patient: 'pt-1', gateway: GW }),
    ];
    const out = run(a, [forged]);
    expect(reasons(out)).toEqual(Array(5).fill('not-device-administrator'));
    expect(a.registry.accepts('dev_0', 'k0')).toBe(true);
    expect(a.registry.devices.has('dev_x')).toBe(false);
    expect(a.audit.entries.filter((e) => e.type === 'device')).toEqual([]);
    const ok = run(a, [[callTx(ADMIN, 'DeviceRegistry', 'rotateKey', { device: 'dev_0', keyId: 'k1' })], [callTx(SECURITY, 'DeviceRegistry', 'revoke', { device: 'dev_0', status: 'revoked' })]]);
    expect(reasons(ok)).toEqual(['device', 'device']);
    expect(a.audit.entries.filter((e) => e.type === 'device').map((e) => e.agent)).toEqual([`host:${ADMIN}`, `host:${SECURITY}`]);
    expect(a.registry.devices.get('dev_0')!.status).toBe('revoked');
  });

  it('expires a consent at the end of its period, judged at the block timestamp', () => {
    const short = callTx(PORTAL, 'Consent', 'grant', { consent: 'c1', patient: 'pt-1', grantee: 'dr-1', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: 2_500_000, provision: 'permit' });
    const out = run(app(), [[short], [access('r1')], [access('r2')]]);
    expect(decisions(out)).toEqual(['2:r1:permit', '3:r2:deny']);
  });

  it('always permits and audits break-glass, even without consent', () => {
    const a = app();
    const out = run(a, [[access('r1', 'dr-9', true)]]);
    expect(decisions(out)).toEqual(['1:r1:break-glass']);
    expect(a.audit.entries.filter((e) => e.ref === 'r1').map((e) => e.type)).toEqual(['break-glass']);
  });

  it('denies and audits break-glass asked for any purpose but emergency treatment', () => {
    const a = app();
    const research = callTx(READERS['researcher-1']!, 'AccessControl', 'request', { request: 'r1', requester: 'researcher-1', patient: 'pt-1', purpose: 'HRESCH', breakGlass: true });
    const out = run(a, [[research]]);
    expect(decisions(out)).toEqual(['1:r1:deny']);
    expect(a.audit.entries.filter((e) => e.ref === 'r1').map((e) => [e.type, e.outcome])).toEqual([['break-glass', 'denied-not-emergency']]);
  });

  it('refuses a consent whose purpose falls outside its scope', () => {
    const researchForTreatment = callTx(PORTAL, 'Consent', 'grant', { consent: 'c1', patient: 'pt-1', grantee: 'dr-1', scope: 'research', purpose: 'TREAT', periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' });
    const out = run(app(), [[researchForTreatment], [access('r1')]]);
    expect(reasons(out)).toEqual(['bad-arg:purpose-outside-scope', 'access']);
    expect(decisions(out)).toEqual(['2:r1:deny']);
  });

  it("rejects a request whose requester is another host's reader: not decided, not audited in the victim's name", () => {
    const a = app();
    // dr-2's host (3) asks in dr-1's name, for treatment and break-glass; an unenrolled name is no one's.
    const forged = access('r1', 'dr-1', false, READERS['dr-2']);
    const forgedBreakGlass = access('r2', 'dr-1', true, READERS['dr-2']);
    const unenrolled = access('r3', 'dr-404', false, READERS['dr-2']);
    const out = run(a, [[grant('c1')], [forged, forgedBreakGlass, unenrolled], [access('r1')]]);
    expect(out.filter((o) => o.kind === 'rejected').map((o) => (o.kind === 'rejected' ? `${o.tx.sender}:${o.reason}` : ''))).toEqual(['3:requester-not-sender', '3:requester-not-sender', '3:requester-not-sender']);
    // The victim's own request, under the id the forger tried, is decided on its consent.
    expect(decisions(out)).toEqual(['3:r1:permit']);
    expect(a.rejected).toBe(3);
    const accesses = a.audit.entries.filter((e) => e.type === 'access' || e.type === 'break-glass');
    expect(accesses.map((e) => `${e.ref}:${e.agent}`)).toEqual(['r1:dr-1']);
    expect(a.access.decisionOf('dr-1', 'r2')).toBeUndefined();
    expect(a.access.digest()).toBe('1:1');
  });

  it("keeps request ids their requester's own: a host that takes another reader's next id under its own name blocks nothing", () => {
    const a = app();
    // dr-2 (host 3) submits under its own name the id dr-1 will use next (ids are predictable).
    const squat = access('req_2_0', 'dr-2');
    const out = run(a, [[grant('c1')], [squat], [access('req_2_0')], [access('req_2_0')]]);
    // Both decided on their own consent; only dr-1 reusing its own id is a duplicate.
    expect(decisions(out)).toEqual(['2:req_2_0:deny', '3:req_2_0:permit']);
    expect(reasons(out)).toEqual(['consent-granted', 'access', 'access', 'duplicate-request']);
    expect(a.access.decisionOf('dr-1', 'req_2_0')).toBe('permit');
    expect(a.access.decisionOf('dr-2', 'req_2_0')).toBe('deny');
    expect(a.access.permits('req_2_0', 'dr-1', 'pt-1')).toBe(true);
    expect(a.access.permits('req_2_0', 'dr-2', 'pt-1')).toBe(false);
  });

  it('binds readers to hosts only at genesis, once each', () => {
    const a = app();
    // At run time no host may bind a name (not even an unbound one) to itself.
    const out = run(a, [[callTx(3, 'ReaderRegistry', 'enrol', { requester: 'dr-404', host: 3 }), callTx(3, 'ReaderRegistry', 'enrol', { requester: 'dr-1', host: 3 })], [access('r1', 'dr-404', false, 3)]]);
    expect(out.map((o) => (o.kind === 'rejected' ? o.reason : o.kind))).toEqual(['reader-enrolment-at-genesis-only', 'reader-enrolment-at-genesis-only', 'requester-not-sender']);
    expect(a.readers.hostOf('dr-404')).toBeUndefined();
    expect(a.readers.hostOf('dr-1')).toBe(2);
    // Nor does a second genesis binding of a name move it.
    const b = app();
    b.applyGenesis([callTx(-1, 'ReaderRegistry', 'enrol', { requester: 'dr-1', host: 3 })], blockOf(0, 0, []));
    expect(b.readers.hostOf('dr-1')).toBe(2);
    // The bindings are state: replicas bound differently do not agree.
    const c = new IomtLedgerApp({ gateways: [GW], alertRules: ['spo2-low'] });
    c.applyGenesis(Object.entries(READERS).map(([requester, host]) => callTx(-1, 'ReaderRegistry', 'enrol', { requester, host: host + 1 })), blockOf(0, 0, []));
    expect(c.readers.digest()).not.toBe(app().readers.digest());
    expect(c.stateDigest()).not.toBe(app().stateDigest());
  });

  it('writes one audit entry per access decision, and the hash chain detects an edited entry', () => {
    const a = app();
    run(a, [[grant('c1')], [access('r1'), access('r2', 'researcher-1')], [access('r3', 'dr-2', true)]]);
    const accessRefs = a.audit.entries.filter((e) => e.type === 'access' || e.type === 'break-glass').map((e) => e.ref);
    expect(accessRefs).toEqual(['r1', 'r2', 'r3']);
    expect(verifyAuditChain(a.audit.entries, a.audit.head)).toBe(true);
    const edited = a.audit.entries.map((e, i) => (e.ref === 'r2' ? { ...e, outcome: 'success' } : e));
    expect(verifyAuditChain(edited, a.audit.head)).toBe(false);
  });

  it('gives equal state digests to replicas that execute the same blocks and different ones otherwise', () => {
    const blocks = [[grant('c1')], [callTx(GW, 'AnchorRegistry', 'anchor', { gateway: GW, batch: 0, root: ROOT, readings: 10, pointer: 'cid' })], [access('r1')]];
    const a = app();
    const b = app();
    run(a, blocks);
    run(b, blocks);
    expect(a.stateDigest()).toBe(b.stateDigest());
    const c = app();
    run(c, [blocks[0]!, blocks[2]!]);
    expect(c.stateDigest()).not.toBe(a.stateDigest());
  });

  it('accepts anchors only from the registered gateway that sends them, once per batch', () => {
    const a = app();
    const ok = callTx(GW, 'AnchorRegistry', 'anchor', { gateway: GW, batch: 0, root: ROOT, readings: 3, pointer: 'cid' });
    const spoofed = callTx(7, 'AnchorRegistry', 'anchor', { gateway: GW, batch: 1, root: ROOT, readings: 3, pointer: 'cid' });
    const replayed = callTx(GW, 'AnchorRegistry', 'anchor', { gateway: GW, batch: 0, root: 'cd'.repeat(32), readings: 3, pointer: 'cid' });
    const out = run(a, [[ok, spoofed, replayed]]);
    expect(out.map((o) => (o.kind === 'rejected' ? o.reason : o.kind))).toEqual(['anchored', 'unregistered-gateway', 'batch-already-anchored']);
    expect(a.anchors.root(GW, 0)).toBe(ROOT);
  });

  it("records an alert from a registered gateway for a known rule and one of its devices' patients, and refuses unknown rules, other patients and other senders", () => {
    const a = new IomtLedgerApp({ gateways: [GW, GW + 1], alertRules: ['spo2-low'] });
    a.applyGenesis([callTx(-1, 'DeviceRegistry', 'enrol', { device: 'dev_0', keyId: 'k0', deviceType: 'ecg', patient: 'pt-1', gateway: GW })], blockOf(0, 0, []));
    const raise = (sender: number, alert: string, rule: string, patient = 'pt-1') => callTx(sender, 'EmergencyAlert', 'raise', { alert, patient, rule, evidence: ROOT });
    // GW + 1 is registered but has none of pt-1's devices; GW has no device of pt-2.
    const out = run(a, [[raise(GW, 'al-1', 'spo2-low'), raise(GW, 'al-2', 'no-such-rule'), raise(7, 'al-3', 'spo2-low'), raise(GW, 'al-1', 'spo2-low'), raise(GW + 1, 'al-4', 'spo2-low'), raise(GW, 'al-5', 'spo2-low', 'pt-2')]]);
    expect(out.map((o) => (o.kind === 'rejected' ? o.reason : o.kind))).toEqual(['alert', 'unknown-rule', 'unregistered-gateway', 'duplicate-alert', 'patient-not-at-gateway', 'patient-not-at-gateway']);
    expect(a.alerts.recorded('al-1')).toBe(true);
    expect(a.audit.entries.filter((e) => e.type === 'alert').length).toBe(1);
  });

  it('tracks device enrolment, key rotation and revocation', () => {
    const a = app();
    run(a, [
      [callTx(ADMIN, 'DeviceRegistry', 'enrol', { device: 'd1', keyId: 'k1', deviceType: 'ecg', patient: 'pt-1', gateway: GW })],
      [callTx(ADMIN, 'DeviceRegistry', 'rotateKey', { device: 'd1', keyId: 'k2' })],
    ]);
    expect(a.registry.accepts('d1', 'k1')).toBe(false);
    expect(a.registry.accepts('d1', 'k2')).toBe(true);
    run(a, [[callTx(ADMIN, 'DeviceRegistry', 'revoke', { device: 'd1', status: 'revoked' })]]);
    expect(a.registry.accepts('d1', 'k2')).toBe(false);
  });

  it('copies its whole state into another application, which then runs on independently of it', () => {
    const enrol = callTx(ADMIN, 'DeviceRegistry', 'enrol', { device: 'dev_1', keyId: '11', deviceType: 'cgm', patient: 'pt-1', gateway: GW });
    const alert = callTx(GW, 'EmergencyAlert', 'raise', { alert: 'a1', patient: 'pt-1', rule: 'spo2-low', evidence: ROOT });
    const anchor = callTx(GW, 'AnchorRegistry', 'anchor', { gateway: GW, batch: 0, root: ROOT, readings: 3, pointer: `cas:${ROOT}` });
    const history = [[enrol, grant('c1')], [access('r1'), alert, anchor]];
    const later = [[callTx(ADMIN, 'DeviceRegistry', 'rotateKey', { device: 'dev_1', keyId: '12' }), callTx(PORTAL, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-1' })], [access('r2')]];
    const source = app();
    run(source, history);
    const copy = app();
    copy.copyFrom(source);
    expect(copy.stateDigest()).toBe(source.stateDigest());
    const sourceDigest = source.stateDigest();
    const replayed = app();
    run(replayed, [...history, ...later]);
    const copyOut = decisions(run(copy, [[], [], ...later]));
    expect(copy.stateDigest()).toBe(replayed.stateDigest());
    expect(copyOut).toEqual(['4:r2:deny']);
    expect(source.stateDigest()).toBe(sourceDigest);
    expect(source.registry.devices.get('dev_1')!.keyId).toBe('11');
    expect(source.consent.consents.get('c1')!.status).toBe('active');
  });

  it('reports the hashing and state accesses of each call, for every replica to charge as CPU time', () => {
    const a = app();
    const b = blockOf(1, 1_000_000, []);
    // The grant: its own state (exists? then the record and the patient's index), the patient's agent, its chain hash and the audit entry.
    const g = a.execute(grant('c1'), b);
    expect(g).toMatchObject({ hashes: 2, stateAccesses: 5 });
    // A permitted request: the reader's host, the decision's key, the patient's consents (one),
    // then the decision, the grant and the audit entry; the key token and the audit chain hashed.
    const p = a.execute(access('a1'), b);
    expect(p).toMatchObject({ hashes: 2, stateAccesses: 7 });
    expect(p!.hashedBytes).toBeGreaterThan(64 + 64);
    // A denied one (dr-2 holds no consent) releases no key: only the audit chain is hashed, and no grant is written.
    const d = a.execute(access('a2', 'dr-2'), b);
    expect(d).toMatchObject({ hashes: 1, stateAccesses: 6 });
    // A rejected call pays for what it read before it was refused.
    expect(a.execute(access('a1'), b)).toMatchObject({ hashes: 0, stateAccesses: 2 });
    // Synthetic load carries no call and does no work.
    expect(a.execute({ ...grant('c2'), call: undefined }, b)).toBeUndefined();
  });
});
