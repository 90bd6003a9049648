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

function app(): IomtLedgerApp {
  const a = new IomtLedgerApp({ gateways: [GW], alertRules: ['spo2-low'] });
  a.applyGenesis(Object.entries(READERS).map(([requester, host]) => callTx(-1, 'ReaderRegistry', 'enrol', { requester, host })), blockOf(0, 0, []));
  return a;
}
function grant(id: string, grantee = 'dr-1', purpose = 'TREAT'): Transaction {
  return callTx(1, 'Consent', 'grant', { consent: id, patient: 'pt-1', grantee, scope: 'treatment', purpose, periodStartUs: 0, periodEndUs: HOUR_US, provision: 'permit' });
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
    const revoke = callTx(1, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-1' });
    const out = run(app(), [[grant('c1')], [access('r1')], [revoke], [access('r2')], [access('r3')]]);
    expect(decisions(out)).toEqual(['2:r1:permit', '4:r2:deny', '5:r3:deny']);
  });

  it('lets only the consenting patient revoke', () => {
    const forged = callTx(9, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-2' });
    const out = run(app(), [[grant('c1')], [forged], [access('r1')]]);
    expect(out.some((o) => o.kind === 'rejected' && o.reason === 'not-consent-owner')).toBe(true);
    expect(decisions(out)).toEqual(['3:r1:permit']);
  });

  it('expires a consent at the end of its period, judged at the block timestamp', () => {
    const short = callTx(1, 'Consent', 'grant', { consent: 'c1', patient: 'pt-1', grantee: 'dr-1', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: 2_500_000, provision: 'permit' });
    const out = run(app(), [[short], [access('r1')], [access('r2')]]);
    expect(decisions(out)).toEqual(['2:r1:permit', '3:r2:deny']);
  });

  it('always permits and audits break-glass, even without consent', () => {
    const a = app();
    const out = run(a, [[access('r1', 'dr-9', true)]]);
    expect(decisions(out)).toEqual(['1:r1:break-glass']);
    expect(a.audit.entries.filter((e) => e.ref === 'r1').map((e) => e.type)).toEqual(['break-glass']);
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
    expect(a.access.decisionOf('r2')).toBeUndefined();
    expect(a.access.digest()).toBe('1:1');
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

  it('records an alert from a registered gateway for a known rule, and refuses unknown rules and other senders', () => {
    const a = app();
    const raise = (sender: number, alert: string, rule: string) => callTx(sender, 'EmergencyAlert', 'raise', { alert, patient: 'pt-1', rule, evidence: ROOT });
    const out = run(a, [[raise(GW, 'al-1', 'spo2-low'), raise(GW, 'al-2', 'no-such-rule'), raise(7, 'al-3', 'spo2-low'), raise(GW, 'al-1', 'spo2-low')]]);
    expect(out.map((o) => (o.kind === 'rejected' ? o.reason : o.kind))).toEqual(['alert', 'unknown-rule', 'unregistered-gateway', 'duplicate-alert']);
    expect(a.alerts.recorded('al-1')).toBe(true);
    expect(a.audit.entries.filter((e) => e.type === 'alert').length).toBe(1);
  });

  it('tracks device enrolment, key rotation and revocation', () => {
    const a = app();
    run(a, [
      [callTx(1, 'DeviceRegistry', 'enrol', { device: 'd1', keyId: 'k1', deviceType: 'ecg', patient: 'pt-1', gateway: GW })],
      [callTx(1, 'DeviceRegistry', 'rotateKey', { device: 'd1', keyId: 'k2' })],
    ]);
    expect(a.registry.accepts('d1', 'k1')).toBe(false);
    expect(a.registry.accepts('d1', 'k2')).toBe(true);
    run(a, [[callTx(1, 'DeviceRegistry', 'revoke', { device: 'd1', status: 'revoked' })]]);
    expect(a.registry.accepts('d1', 'k2')).toBe(false);
  });

  it('copies its whole state into another application, which then runs on independently of it', () => {
    const enrol = callTx(7, 'DeviceRegistry', 'enrol', { device: 'dev_1', keyId: '11', deviceType: 'cgm', patient: 'pt-1', gateway: GW });
    const alert = callTx(GW, 'EmergencyAlert', 'raise', { alert: 'a1', patient: 'pt-1', rule: 'spo2-low', evidence: ROOT });
    const anchor = callTx(GW, 'AnchorRegistry', 'anchor', { gateway: GW, batch: 0, root: ROOT, readings: 3, pointer: `cas:${ROOT}` });
    const history = [[enrol, grant('c1')], [access('r1'), alert, anchor]];
    const later = [[callTx(7, 'DeviceRegistry', 'rotateKey', { device: 'dev_1', keyId: '12' }), callTx(1, 'Consent', 'revoke', { consent: 'c1', patient: 'pt-1' })], [access('r2')]];
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
});

