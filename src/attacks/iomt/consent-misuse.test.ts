/**
 * The consent-misuse outcomes judged from hand-built requests: each former grantee's requests
 * (submission time, committed height, decision, read) against its consent's end.
 */
import { describe, expect, it } from 'vitest';
import type { ActorFactory } from '../../../sim/index.ts';
import { ScriptedContext } from '../../../sim/testing/scripted-context.ts';
import { ENROLMENT_AUTHORITY_SIGNER, enrolReader } from '../../iomt/reader-credential.ts';
import type { IomtWorld } from '../../iomt/world.ts';
import { KeyRing } from '../../ledger/index.ts';
import type { Metrics } from '../../metrics/types.ts';
import { attackSpecSchema } from '../definition.ts';
import { GroundTruth } from '../ground-truth.ts';
import { consentMisuse } from './consent-misuse.ts';
import { ConsentMisuser, ScriptedPatient, type ConsentNews, type MisuseRequest } from './consent-misuser.ts';
import type { RequestMessage } from '../../protocols/types.ts';
import type { DeviceAttackEnv } from './hooks.ts';
import { MessageLabels } from './labels.ts';

const S = 1_000_000;

/** The consent's end as the misuser saw it: the period's end (expired) or the revocation (revoked). */
interface ConsentEnd {
  readonly periodEndUs?: number;
  readonly revokeSubmittedUs?: number;
  readonly revokeHeight?: number;
}

/** The attack installed in a world with one hospital, one device and one consortium node; its hosts are built but never run. `log` gets what installAll asked of the world, in order. */
function installed(mode: 'expired' | 'revoked', log: string[] = []) {
  const env: DeviceAttackEnv = { truth: new GroundTruth(), labels: new MessageLabels(), taps: [], forwardGatewayAlarmsTo: () => {} };
  const spec = attackSpecSchema(consentMisuse).parse({ type: 'consent-misuse', device: 0, mode, start: '60s', validFor: '30s' });
  const run = consentMisuse.device!.plan([{ spec, index: 0 }], env);
  const built: { ctx: ScriptedContext; actor: unknown }[] = [];
  const ring = new KeyRing('symbolic', 1);
  const authority = ring.issue(ENROLMENT_AUTHORITY_SIGNER);
  const engine = {
    hostCount: 9,
    addHost(_link: unknown, factory: ActorFactory<unknown>): number {
      const host = engine.hostCount++;
      log.push(`addHost ${host}`);
      const ctx = new ScriptedContext(host);
      built.push({ ctx, actor: factory(ctx) });
      return host;
    },
  };
  const world = {
    keyRing: ring,
    enrolReader: (requester: string, host: number) => {
      log.push(`enrol ${requester} at ${host}`);
      return enrolReader(ring, authority, requester, host);
    },
    enrolPatientAgent: (patient: string, host: number) => void log.push(`agent of ${patient} at ${host}`),
    topology: { devices: [{ hospital: 0, patient: 0 }], hospitals: [{ region: 0, node: 1, store: 2 }], nodes: [{ host: 1 }] },
    config: { durationUs: 180 * S, retransmitUs: S, links: { siteBandwidthBps: 1e9 }, cryptoCosts: {} },
    ledgerEndpoint: { replicaHosts: [1], repliesNeeded: 1, replyVerifyUs: 0, retransmitUs: S, authenticateUs: 0 },
    patientPseudonyms: ['pt_a'],
    engine,
  } as unknown as IomtWorld;
  run.installAll!(world);
  const misuser = built[0]!.actor as ConsentMisuser;
  log.push(`credential ${(misuser as unknown as { o: { credential: { certificate: { requester: string } } } }).o.credential.certificate.requester}`);
  return { run, misuser, misuserCtx: built[0]!.ctx, patient: built[1]!.actor as ScriptedPatient, patientCtx: built[1]!.ctx };
}

/** The outcomes of one consent-misuse attack whose former grantee made `requests`; `log` gets what installAll asked of the world, in order. */
function outcomes(mode: 'expired' | 'revoked', end: ConsentEnd, requests: readonly MisuseRequest[], log: string[] = []): Metrics {
  const { run, misuser } = installed(mode, log);
  Object.assign(misuser, end);
  misuser.requests.push(...requests);
  return run.outcomes!();
}

/** The calls `ctx`'s host submitted to the consortium, as `Contract.method(args)`. */
const submitted = (ctx: ScriptedContext) => ctx.take('request').map((s) => (s.msg as RequestMessage).tx.call!).map((c) => `${c.contract}.${c.method}(${JSON.stringify(c.args)})`);

const request = (submittedS: number, height: number, decision: 'permit' | 'deny', read: boolean, decidedS = submittedS + 0.5): MisuseRequest => ({ submittedUs: submittedS * S, height, decidedUs: decidedS * S, decision, read });

const values = (m: Metrics) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value]));

describe('consent-misuse outcomes', () => {
  it("enrols the former grantee as a reader bound to its own host, and the patient's side as the patient's agent on another, before placing them (so every partition binds both on chain)", () => {
    const log: string[] = [];
    outcomes('expired', { periodEndUs: 10 * S }, [], log);
    expect(log).toEqual(['enrol cl_misuse_0 at 9', 'agent of pt_a at 10', 'addHost 9', 'addHost 10', 'credential cl_misuse_0']);
  });

  it("grants and revokes from the patient's host, never the former grantee's, which requests once told the grant committed", () => {
    const { misuser, misuserCtx, patient, patientCtx } = installed('revoked');
    patient.onStart();
    misuser.onStart();
    patientCtx.nowUs = 60 * S;
    patient.onTimer(0);
    expect(submitted(patientCtx)).toEqual([`Consent.grant(${JSON.stringify({ consent: 'con_misuse_0', patient: 'pt_a', grantee: 'cl_misuse_0', scope: 'treatment', purpose: 'TREAT', periodStartUs: 60 * S, periodEndUs: 180 * S + 3_600 * S, provision: 'permit' })})`]);
    // The grant committed at the patient's node: the grantee is told, and starts requesting; the revocation follows validFor later.
    patient.onLedgerOutcome(-1, undefined as never, 4);
    expect(patientCtx.take('consent-news').map((s) => [s.to, s.msg])).toEqual([[9, { kind: 'consent-news', what: 'granted', periodEndUs: Infinity }]]);
    expect(patientCtx.pendingTimers(2).map((t) => t.delayUs)).toEqual([30 * S]);
    misuser.onMessage(10, { kind: 'consent-news', what: 'granted', periodEndUs: Infinity });
    expect(misuserCtx.pendingTimers(1).length).toBe(1);
    patientCtx.nowUs = 95 * S;
    patient.onTimer(2);
    expect(submitted(patientCtx)).toEqual([`Consent.revoke(${JSON.stringify({ consent: 'con_misuse_0', patient: 'pt_a' })})`]);
    patient.onLedgerOutcome(-2, undefined as never, 12);
    const news = patientCtx.take('consent-news').map((s) => s.msg as ConsentNews);
    expect(news).toEqual([{ kind: 'consent-news', what: 'revoke-submitted', submittedUs: 95 * S }, { kind: 'consent-news', what: 'revoked', height: 12 }]);
    for (const m of news) misuser.onMessage(10, m);
    expect([misuser.revokeSubmittedUs, misuser.revokeHeight]).toEqual([95 * S, 12]);
    // The former grantee's host submitted no consent call of its own.
    expect(submitted(misuserCtx).filter((c) => c.startsWith('Consent.'))).toEqual([]);
  });

  it('expired: a request submitted at or after the period end had to be denied; one never committed is not judged', () => {
    const m = outcomes('expired', { periodEndUs: 10 * S }, [
      request(5, 3, 'permit', true),
      // Permitted in time; its record had not arrived when the run ended.
      request(9.9, 4, 'permit', false),
      request(10, 5, 'deny', false),
      request(12, 6, 'permit', true),
      request(13, -1, 'permit', false),
    ]);
    expect(values(m)).toEqual({
      'attack.consent_misuse.requests': 4,
      // The request at 13 s never committed: counted apart, judged by no verdict.
      'attack.consent_misuse.requests_undecided': 1,
      'attack.consent_misuse.requests_after_end': 2,
      'attack.consent_misuse.denied_after_end': 1,
      'attack.consent_misuse.permitted_after_end': 1,
      'attack.consent_misuse.unauthorized_reads': 1,
      'attack.consent_misuse.stale_permits': 0,
      'attack.consent_misuse.valid_reads': 1,
    });
  });

  it('counts as unauthorized reads the records read under permits that had to be denied, not the permits: one still held unread is no read', () => {
    const m = outcomes('expired', { periodEndUs: 10 * S }, [
      request(11, 5, 'permit', false),
      request(12, 6, 'permit', true),
      request(13, 7, 'permit', false),
    ]);
    expect(values(m)['attack.consent_misuse.permitted_after_end']).toBe(3);
    expect(values(m)['attack.consent_misuse.unauthorized_reads']).toBe(1);
  });

  it("revoked: a permit decided after the revocation was submitted is stale in a block before the revocation's too", () => {
    const m = outcomes('revoked', { revokeSubmittedUs: 20 * S, revokeHeight: 10 }, [
      request(19.5, 8, 'permit', true, 19.9),
      request(19.6, 9, 'permit', true, 20.2),
    ]);
    expect(values(m)['attack.consent_misuse.stale_permits']).toBe(1);
  });

  it("revoked: a request committed after the revocation's block had to be denied; a permit decided from the revocation's submission to its block is stale", () => {
    const m = outcomes('revoked', { revokeSubmittedUs: 20 * S, revokeHeight: 10 }, [
      request(19, 9, 'permit', true, 19.5),
      // Decided the moment the revocation was submitted, and in its block: stale, yet read while the consent still applied.
      request(19.8, 10, 'permit', true, 20),
      request(20.5, 10, 'deny', false, 21),
      request(21, 11, 'deny', false, 21.5),
    ]);
    expect(values(m)).toEqual({
      'attack.consent_misuse.requests': 4,
      'attack.consent_misuse.requests_undecided': 0,
      'attack.consent_misuse.requests_after_end': 1,
      'attack.consent_misuse.denied_after_end': 1,
      'attack.consent_misuse.permitted_after_end': 0,
      'attack.consent_misuse.unauthorized_reads': 0,
      'attack.consent_misuse.stale_permits': 1,
      'attack.consent_misuse.valid_reads': 2,
    });
  });
});
