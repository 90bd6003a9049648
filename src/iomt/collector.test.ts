import { describe, expect, it } from 'vitest';
import { requestKey, type AuditEntry, type ContractOutcome } from '../contracts/index.ts';
import type { Transaction } from '../ledger/index.ts';
import { metricDoc } from '../metrics/catalog.ts';
import type { RejectReason } from './admission.ts';
import { DEFAULT_ALERT_RULES, RuleState } from './alert-rules.ts';
import { IomtCollector, type ChannelReadingTimes } from './collector.ts';
import { DEFAULT_PROFILES, type DeviceProfile } from './profiles.ts';
import { CHANNEL_INDEX } from './vitals.ts';

let id = 0;
function tx(): Transaction {
  return { id: id++, sender: 1, sizeBytes: 100, payloadDigest: '', submittedUs: 0, call: { contract: 'C', method: 'm', args: {} } };
}
function permit(height: number, consent: string): ContractOutcome {
  return { kind: 'access', tx: tx(), height, blockTimeUs: 0, access: { request: `req_1_${id}`, requester: 'cl_x', patient: 'pt_x', decision: 'permit', consent, keyToken: 'k' } };
}

/** A revocation of `consent` submitted at `submittedUs`, reported to `c` as the portal reports it; its transaction, to commit. */
function submitRevoke(c: IomtCollector, consent: string, submittedUs: number): Transaction {
  const revoke: Transaction = { ...tx(), submittedUs, call: { contract: 'Consent', method: 'revoke', args: { consent, patient: 'pt_x' } } };
  c.onEvent({ kind: 'iomt-revoke-submitted', consent, tx: revoke.id, submittedUs }, submittedUs);
  return revoke;
}

function metrics(c: IomtCollector, durationUs = 1e9) {
  return c.finish({ durationUs, accepted: 0, readingsSent: 0, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents: new Map(), consentRevokedUs: new Map() }).metrics;
}
function sized(sizeBytes: number): Transaction {
  return { ...tx(), sizeBytes };
}
const HR = DEFAULT_ALERT_RULES.findIndex((r) => r.name === 'hr-high');
/** How the default profiles' devices sample their channels (src/iomt/device-kinds/), clocks drifting. */
const timesOf = (p: DeviceProfile): ChannelReadingTimes => ({ channel: CHANNEL_INDEX[p.channel], intervalUs: p.intervalUs, jitterUs: p.jitterUs, eventDriven: p.eventDriven, clockDriftPpm: p.clockDriftPpm });
const PULSE_OXIMETER = timesOf(DEFAULT_PROFILES.pulseOximeter);
const ECG_PATCH = timesOf(DEFAULT_PROFILES.ecgPatch);
const WEARABLE = timesOf(DEFAULT_PROFILES.wearable);

describe('IomtCollector', () => {
  it('counts a permit on a consent whose revocation is submitted but not yet committed as stale', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onOutcome(permit(1, 'con_a'), 1_000);
    const revoke = submitRevoke(c, 'con_a', 2_000);
    c.onOutcome(permit(2, 'con_a'), 3_000);
    c.onOutcome({ kind: 'consent-revoked', tx: revoke, height: 3, consent: 'con_a' }, 5_500);
    const m = metrics(c);
    expect(m['iomt.stale_accesses']!.value).toBe(1);
    expect(m['iomt.consent_revoke_enforced_latency_ms.p50']!.value).toBe(3.5);
    expect(m['iomt.consent_violations']!.value).toBe(0);
  });

  it("times each device revocation from its commit to its gateway applying it, and counts those still unapplied at the end", () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 5_000_000);
    const revoke = (device: string): ContractOutcome => ({ kind: 'device', tx: tx(), height: 1, method: 'revoke', device });
    const applied = (device: string, atUs: number) => c.onEvent({ kind: 'iomt-device-revocation-applied', gateway: 50, device }, atUs);
    // Before the warm-up: applied, but not timed.
    c.onOutcome(revoke('dev_0'), 1_000_000);
    applied('dev_0', 1_500_000);
    c.onOutcome({ kind: 'device', tx: tx(), height: 2, method: 'rotate', device: 'dev_1' }, 6_000_000);
    c.onOutcome(revoke('dev_2'), 6_000_000);
    c.onOutcome(revoke('dev_3'), 7_000_000);
    applied('dev_2', 6_250_000);
    applied('dev_2', 9_000_000);
    // dev_3's gateway never hears of it; dev_1 was only rotated.
    const m = metrics(c);
    expect(m['iomt.device_revocation_applied_latency_ms.max']!.value).toBe(250);
    expect(m['iomt.device_revocation_applied_latency_ms.p50']!.value).toBe(250);
    expect(m['iomt.device_revocations_unapplied']!.value).toBe(1);
  });

  it('scores the first fast-path alert of an episode from the episode start, and others as duplicates or false', () => {
    const episode = { patient: 0, kind: 'desaturation' as const, startUs: 10_000_000, endUs: 100_000_000, level: 85 };
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [episode], [], 0);
    const spo2 = DEFAULT_ALERT_RULES.findIndex((r) => r.name === 'spo2-low');
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: spo2, device: 1, conditionUs: 16_000_000 }, 31_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: spo2, device: 1, conditionUs: 16_500_000 }, 32_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: spo2, device: 2, conditionUs: 16_500_000 }, 32_000_000);
    const m = metrics(c);
    expect(m['iomt.alert_latency_ms.p50']!.value).toBe(21_000);
    expect(m['iomt.duplicate_alerts']!.value).toBe(1);
    expect(m['iomt.false_alerts']!.value).toBe(1);
    // 21 s from onset minus the 15 s hold is 6 s of signal generation delay: within the 10 s target.
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(1);
  });

  it('counts rejected readings by reason, and their total, over the whole run', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 5_000_000);
    const reject = (reason: RejectReason, atUs: number) => c.onEvent({ kind: 'iomt-reading-rejected', device: 1, reason }, atUs);
    reject('replay', 1_000);
    reject('replay', 6_000_000);
    reject('stale', 7_000_000);
    reject('rate-limited', 8_000_000);
    reject('bad-signature', 9_000_000);
    const m = metrics(c);
    expect(m['iomt.readings_rejected.replay']!.value).toBe(2);
    expect(m['iomt.readings_rejected.stale']!.value).toBe(1);
    expect(m['iomt.readings_rejected.rate_limited']!.value).toBe(1);
    expect(m['iomt.readings_rejected.bad_signature']!.value).toBe(1);
    expect(m['iomt.readings_rejected.unregistered']!.value).toBe(0);
    expect(m['iomt.readings_rejected']!.value).toBe(5);
  });

  it('takes durable and anchor latency from sampling, for readings sampled after warm-up, and counts the readings of refused batches', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 1_000_000);
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 0, stored: true, trueUs: new Float64Array([500_000, 1_000_000, 1_500_000]) }, 2_000_000);
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 1, stored: false, refused: 'full', trueUs: new Float64Array([2_000_000, 2_100_000]) }, 3_000_000);
    c.onEvent({ kind: 'iomt-batch-anchored', gateway: 0, batch: 0, height: 1, txBytes: 300, trueUs: new Float64Array([500_000, 1_000_000, 1_500_000]) }, 4_000_000);
    const m = metrics(c);
    expect(c.durable.count).toBe(2);
    expect(m['iomt.durable_latency_ms.max']!.value).toBeCloseTo(1_000, 0);
    expect(m['iomt.store_refused_readings']!.value).toBe(2);
    expect(c.anchored.count).toBe(2);
    expect(m['iomt.anchor_latency_ms.max']!.value).toBeCloseTo(3_000, 0);
    // The catalog says so, and that the ratios it points to count the whole run's readings.
    for (const name of ['iomt.durable_latency_ms.p50', 'iomt.anchor_latency_ms.p50']) expect(metricDoc(name)!.meaning).toContain('sampled after the warm-up');
  });

  it('counts the readings of a batch refused for a root that is not its records\' apart from those of a batch refused for want of room', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 0, stored: false, refused: 'full', trueUs: new Float64Array([500_000, 1_000_000]) }, 2_000_000);
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 1, stored: false, refused: 'root-mismatch', trueUs: new Float64Array([1_500_000, 1_600_000, 1_700_000]) }, 3_000_000);
    const m = metrics(c);
    expect(m['iomt.store_refused_readings']!.value).toBe(5);
    expect(m['iomt.store_refused_readings.root_mismatch']!.value).toBe(3);
  });

  it('says what share of the accepted readings became durable and anchored by the end, whole run', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 1_000_000);
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 0, stored: true, trueUs: new Float64Array([500_000, 1_000_000, 1_500_000]) }, 2_000_000);
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 1, stored: false, refused: 'full', trueUs: new Float64Array([2_000_000, 2_100_000]) }, 3_000_000);
    c.onOutcome({ kind: 'anchored', tx: tx(), height: 1, anchor: { gateway: 0, batch: 0, root: 'r', readings: 3 } }, 4_000_000);
    // Ten readings accepted: three durable and anchored, two refused, five never sealed into a batch (a gateway down).
    const m = c.finish({ durationUs: 1e9, accepted: 10, readingsSent: 10, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents: new Map(), consentRevokedUs: new Map() }).metrics;
    expect(m['iomt.readings_durable']!.value).toBe(3);
    expect(m['iomt.readings_durable_ratio']!.value).toBe(3 / 10);
    expect(m['iomt.readings_anchored_ratio']!.value).toBe(3 / 10);
  });

  it('counts each committed transaction it is shown, with its bytes, the readings it anchors and contract refusals', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    const anchor = (t: Transaction, readings: number): ContractOutcome => ({ kind: 'anchored', tx: t, height: 1, anchor: { gateway: 0, batch: t.id, root: 'r', readings } });
    const a = sized(200);
    const b = sized(400);
    c.onOutcome(anchor(a, 100), 1_000);
    c.onOutcome(anchor(b, 300), 2_000);
    c.onOutcome({ kind: 'rejected', tx: sized(50), height: 2, reason: 'inactive consent' }, 3_000);
    const m = metrics(c);
    expect(m['iomt.onchain_txs']!.value).toBe(3);
    expect(m['iomt.onchain_bytes']!.value).toBe(650);
    expect(m['iomt.readings_anchored']!.value).toBe(400);
    expect(m['iomt.onchain_bytes_per_reading']!.value).toBe(600 / 400);
    expect(m['iomt.contract_rejections']!.value).toBe(1);
  });

  it('counts integrity checks by outcome, and their latency from the request for requests after warm-up', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 1_000_000);
    const check = (outcome: 'valid' | 'invalid' | 'unanchored' | 'not-found' | 'unanswered', requestedUs: number, atUs: number) =>
      c.onEvent({ kind: 'iomt-integrity-check', request: `r${atUs}`, requester: 'cl_x', requestedUs, outcome }, atUs);
    check('valid', 500_000, 600_000);
    check('valid', 2_000_000, 2_040_000);
    check('unanchored', 3_000_000, 3_020_000);
    check('unanchored', 3_500_000, 3_520_000);
    check('not-found', 4_000_000, 4_010_000);
    check('invalid', 5_000_000, 5_030_000);
    // Given up at its reader's deadline: counted, but its wait is no latency of the system's.
    check('unanswered', 6_000_000, 20_000_000);
    const m = metrics(c);
    expect(m['iomt.integrity_checks_valid']!.value).toBe(2);
    expect(m['iomt.integrity_checks_unanchored']!.value).toBe(2);
    expect(m['iomt.integrity_checks_not_found']!.value).toBe(1);
    expect(m['iomt.integrity_checks_invalid']!.value).toBe(1);
    expect(m['iomt.integrity_checks_unanswered']!.value).toBe(1);
    expect(m['iomt.integrity_check_latency_ms.mean']!.value).toBe(24);
    expect(m['iomt.integrity_check_latency_ms.max']!.value).toBe(40);
  });

  it('says each IoMT check could not fail in a run that gave it nothing to judge', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onEvent({ kind: 'iomt-integrity-check', request: 'r1', requester: 'cl_x', requestedUs: 0, outcome: 'unanchored' }, 10);
    const { checks } = c.finish({ durationUs: 1e9, accepted: 0, readingsSent: 0, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents: new Map(), consentRevokedUs: new Map() });
    expect(Object.fromEntries(checks.map((k) => [k.name, k.couldNotFail]))).toEqual({
      'iomt.no_phi_on_chain': 'no committed transaction was inspected',
      'iomt.audit_complete': 'no record served was judged (none was served before the end of the run)',
      'iomt.integrity': 'no record read was checked against an anchored root',
      'iomt.consent_enforced': "no record was served under a consent's permit",
    });
  });

  it('does not say its integrity check could not fail once a read was checked against an anchored root', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onEvent({ kind: 'iomt-integrity-check', request: 'r1', requester: 'cl_x', requestedUs: 0, outcome: 'valid' }, 10);
    const { checks } = c.finish({ durationUs: 1e9, accepted: 0, readingsSent: 0, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents: new Map(), consentRevokedUs: new Map() });
    expect(checks.find((k) => k.name === 'iomt.integrity')!.couldNotFail).toBeUndefined();
  });

  it('counts access requests once each, decisions by kind, and decision latency for requests submitted after warm-up', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 1_000_000);
    const decided = (request: string, decision: string, submittedUs: number, atUs: number) =>
      c.onEvent({ kind: 'iomt-access-decided', request, requester: 'cl_x', role: 'clinician', submittedUs, decision, patient: 0 }, atUs);
    decided('a', 'permit', 500_000, 1_500_000);
    decided('b', 'deny', 2_000_000, 2_100_000);
    decided('c', 'break-glass', 3_000_000, 3_300_000);
    decided('d', 'permit', 4_000_000, 4_200_000);
    decided('e', 'deny', 5_000_000, 5_200_000);
    const m = metrics(c);
    expect(m['iomt.access_requests']!.value).toBe(5);
    expect(m['iomt.access_permitted']!.value).toBe(2);
    expect(m['iomt.access_denied']!.value).toBe(2);
    expect(m['iomt.access_break_glass']!.value).toBe(1);
    expect(m['iomt.access_decision_latency_ms.mean']!.value).toBe(200);
  });

  it('says what share of the access requests submitted were decided by the end, each request once', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    for (const request of ['a', 'b', 'c', 'a']) c.onEvent({ kind: 'iomt-access-submitted', request, requester: 'cl_x', submittedUs: 1_000_000 }, 1_000_000);
    c.onEvent({ kind: 'iomt-access-decided', request: 'a', requester: 'cl_x', role: 'clinician', submittedUs: 1_000_000, decision: 'permit', patient: 0 }, 2_000_000);
    c.onEvent({ kind: 'iomt-access-decided', request: 'b', requester: 'cl_x', role: 'clinician', submittedUs: 1_000_000, decision: 'deny', patient: 0 }, 2_000_000);
    const m = metrics(c);
    expect(m['iomt.access_requests_submitted']!.value).toBe(3);
    expect(m['iomt.access_decided_ratio']!.value).toBe(2 / 3);
  });

  it("counts two requesters' requests of the same id as two requests, as AccessControl decides them", () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    // cl_b's id is cl_a's (a squatter, or a requester whose ids do not carry its host): AccessControl keys both by requester and id.
    for (const requester of ['cl_a', 'cl_b']) {
      c.onEvent({ kind: 'iomt-access-submitted', request: 'req_5_0', requester, submittedUs: 1_000_000 }, 1_000_000);
      c.onEvent({ kind: 'iomt-access-decided', request: 'req_5_0', requester, role: 'clinician', submittedUs: 1_000_000, decision: 'deny', patient: 0 }, 2_000_000);
    }
    const m = metrics(c);
    expect(m['iomt.access_requests_submitted']!.value).toBe(2);
    expect(m['iomt.access_requests']!.value).toBe(2);
    // Each decision is one request's: the counts by kind add up to the requests decided.
    expect(m['iomt.access_denied']!.value).toBe(m['iomt.access_requests']!.value);
  });

  it('counts as episodes those a rule covers that start after warm-up and a minute before the end, alerted or not', () => {
    const ep = (patient: number, kind: 'desaturation' | 'tachycardia', startUs: number) => ({ patient, kind, startUs, endUs: startUs + 30_000_000, level: 0 });
    const episodes = [
      ep(0, 'desaturation', 100_000_000),
      ep(1, 'desaturation', 200_000_000),
      // Started during warm-up, too close to the end, or of a kind no rule watches: not counted.
      ep(2, 'desaturation', 5_000_000),
      ep(3, 'desaturation', 570_000_000),
      ep(4, 'tachycardia', 300_000_000),
    ];
    const spo2Only = DEFAULT_ALERT_RULES.filter((r) => r.name === 'spo2-low');
    const c = new IomtCollector(spo2Only, episodes, [], 10_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: 0, device: 0, conditionUs: 104_000_000 }, 120_000_000);
    // An on-chain alert alone does not make an episode alerted (the fast path is the clinical one).
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'chain', patient: 1, rule: 0, device: 1, conditionUs: 194_000_000 }, 210_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes']!.value).toBe(2);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(1 / 2);
  });

  it('scores alert latency over the episodes it counts: one begun less than the grace before the end is left out, however quick its alert', () => {
    const ep = (patient: number, startUs: number) => ({ patient, kind: 'tachycardia' as const, startUs, endUs: startUs + 30_000_000, level: 140 });
    // A 600 s run: the episode at 100 s counts; the one at 570 s is seen alerted only because its alert was quick.
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0, 100_000_000), ep(1, 570_000_000)], [], 0);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 120_000_000 }, 130_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: HR, device: 1, conditionUs: 570_500_000 }, 576_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes']!.value).toBe(1);
    expect(m['iomt.alert_latency_ms.mean']!.value).toBe(30_000);
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(0);
    // Alerted, though late: counted among the episodes alerted, not among those within target.
    expect(m['iomt.episodes_alerted']!.value).toBe(1);
    expect(m['iomt.episodes_within_target']!.value).toBe(0);
  });

  it('credits an alert to the latest episode begun by the time its condition began, not to an earlier one still in its grace', () => {
    const ep = (startUs: number) => ({ patient: 0, kind: 'tachycardia' as const, startUs, endUs: startUs + 10_000_000, level: 140 });
    // The condition of the alert at 156 s began at 151 s: the second episode's, though the first's grace runs to 170 s.
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(100_000_000), ep(150_000_000)], [], 0);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 101_000_000 }, 106_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 151_000_000 }, 156_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(1);
    expect(m['iomt.duplicate_alerts']!.value).toBe(0);
    expect(m['iomt.alert_latency_ms.max']!.value).toBe(6_000);
  });

  it('does not count an episode shorter than its rule\'s hold: the rule is designed not to alarm it', () => {
    // hr-high holds 5 s: a 3 s tachycardia is not an episode the system should alert.
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [{ patient: 0, kind: 'tachycardia', startUs: 100_000_000, endUs: 103_000_000, level: 140 }], [], 0);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes']!.value).toBe(0);
  });

  it('scores the on-chain path on its own: latency from the episode start and the share within the rule target', () => {
    const ep = (patient: number, startUs: number) => ({ patient, kind: 'tachycardia' as const, startUs, endUs: startUs + 60_000_000, level: 140 });
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0, 10_000_000), ep(1, 10_000_000)], [], 0);
    // hr-high holds 5 s with a 10 s target: 12 s after onset is within it, 20 s is not.
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'chain', patient: 0, rule: HR, device: 0, conditionUs: 11_000_000 }, 22_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'chain', patient: 1, rule: HR, device: 1, conditionUs: 11_000_000 }, 30_000_000);
    const m = metrics(c);
    expect(m['iomt.alert_latency_onchain_ms.mean']!.value).toBe(16_000);
    expect(m['iomt.alert_within_target_onchain_ratio']!.value).toBe(1 / 2);
    // Neither episode was alerted on the fast path: two misses of its target.
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(0);
  });

  it('counts an episode no alert reached on a path as a miss of that path\'s target, and says how many each path alerted', () => {
    const ep = (patient: number) => ({ patient, kind: 'tachycardia' as const, startUs: 100_000_000, endUs: 160_000_000, level: 140 });
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0), ep(1), ep(2), ep(3)], [], 0);
    // Patient 0 alerted on both paths within target, patient 1 on the fast path only; 2 and 3 never (a stalled ledger, a gateway down).
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 100_500_000 }, 106_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'chain', patient: 0, rule: HR, device: 0, conditionUs: 100_500_000 }, 110_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: HR, device: 1, conditionUs: 100_500_000 }, 106_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(2 / 4);
    expect(m['iomt.alert_within_target_onchain_ratio']!.value).toBe(1 / 4);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(2 / 4);
    expect(m['iomt.episodes_alerted_onchain_ratio']!.value).toBe(1 / 4);
    // The ratios' numerators, which the headline quotes as k of N.
    expect(m['iomt.episodes_alerted']!.value).toBe(2);
    expect(m['iomt.episodes_alerted_onchain']!.value).toBe(1);
    // The within-target ratios' numerators, for "k of N episodes".
    expect(m['iomt.episodes_within_target']!.value).toBe(2);
    expect(m['iomt.episodes_within_target_onchain']!.value).toBe(1);
    // The latencies describe the alerts that came.
    expect(m['iomt.alert_latency_onchain_ms.max']!.value).toBe(10_000);
  });

  it('credits an alert to the episode its condition began in however late it arrives: an on-chain confirmation minutes after a short episode ended', () => {
    // A one-minute tachycardia from 100 s; the condition began at 100.5 s. A slow ledger confirms the
    // alert on chain at 400 s, four minutes after the episode ended; a backlogged gateway's fast alert comes at 300 s.
    const ep = (patient: number) => ({ patient, kind: 'tachycardia' as const, startUs: 100_000_000, endUs: 160_000_000, level: 140 });
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0), ep(1)], [], 0);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'chain', patient: 0, rule: HR, device: 0, conditionUs: 100_500_000 }, 400_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: HR, device: 1, conditionUs: 100_500_000 }, 300_000_000);
    // A condition that began after the episode's end and its grace is no alert of it, whenever it arrives.
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 221_000_000 }, 226_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes_alerted_onchain_ratio']!.value).toBe(1 / 2);
    expect(m['iomt.alert_latency_onchain_ms.max']!.value).toBe(300_000);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(1 / 2);
    expect(m['iomt.alert_latency_ms.max']!.value).toBe(200_000);
    expect(m['iomt.false_alerts']!.value).toBe(1);
  });

  it("credits a condition a device's slow clock reads before the episode's start, within the clock's drift bound", () => {
    // An episode an hour in: at 100 ppm a device clock reads up to 360 ms early; 300 ms early is the episode's, 1 s early is not.
    const start = 3_600_000_000;
    const ep = (patient: number) => ({ patient, kind: 'tachycardia' as const, startUs: start, endUs: start + 60_000_000, level: 140 });
    const alerted = (clockDriftPpm: number, earlyUs: number) => {
      const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0)], [], 0, [], { clockDriftPpm });
      c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: start - earlyUs }, start + 6_000_000);
      const m = metrics(c, 2 * start);
      return [m['iomt.episodes_alerted_ratio']!.value, m['iomt.false_alerts']!.value];
    };
    expect(alerted(100, 300_000)).toEqual([1, 0]);
    expect(alerted(100, 1_000_000)).toEqual([0, 1]);
    expect(alerted(0, 300_000)).toEqual([0, 1]);
  });

  it('counts apart the episodes of a kind no rule watches, so that deleting a rule shows where its episodes went', () => {
    const ep = (patient: number, kind: 'desaturation' | 'tachycardia') => ({ patient, kind, startUs: 100_000_000, endUs: 160_000_000, level: 0 });
    const hrOnly = DEFAULT_ALERT_RULES.filter((r) => r.name === 'hr-high');
    const c = new IomtCollector(hrOnly, [ep(0, 'tachycardia'), ep(1, 'desaturation'), ep(2, 'desaturation')], [], 0);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes']!.value).toBe(1);
    expect(m['iomt.episodes_unwatched']!.value).toBe(2);
    expect(m['iomt.episodes_shorter_than_hold']!.value).toBe(0);
  });

  it('counts apart the episodes shorter than the hold of every rule that watches them, and not one another rule of its kind would hold for', () => {
    const ep = (patient: number, lengthUs: number) => ({ patient, kind: 'tachycardia' as const, startUs: 100_000_000, endUs: 100_000_000 + lengthUs, level: 140 });
    const hr = DEFAULT_ALERT_RULES.find((r) => r.name === 'hr-high')!;
    const episodes = [ep(0, 20_000_000), ep(1, 40_000_000), ep(2, 60_000_000)];
    // A 45 s hold alone: the 20 s and 40 s tachycardias are by design not alarmed.
    const longHold = metrics(new IomtCollector([{ ...hr, holdUs: 45_000_000 }], episodes, [], 0), 600_000_000);
    expect(longHold['iomt.episodes']!.value).toBe(1);
    expect(longHold['iomt.episodes_shorter_than_hold']!.value).toBe(2);
    // With a second rule holding 30 s, the 40 s one is that rule's to alarm.
    const twoHolds = metrics(new IomtCollector([{ ...hr, holdUs: 45_000_000 }, { ...hr, name: 'hr-high-30s', holdUs: 30_000_000 }], episodes, [], 0), 600_000_000);
    expect(twoHolds['iomt.episodes']!.value).toBe(2);
    expect(twoHolds['iomt.episodes_shorter_than_hold']!.value).toBe(1);
    expect(twoHolds['iomt.episodes_unwatched']!.value).toBe(0);
  });

  it('counts no episode begun during the warm-up or within the grace of the end as unwatched or shorter than the hold', () => {
    const ep = (startUs: number, kind: 'desaturation' | 'tachycardia', lengthUs: number) => ({ patient: 0, kind, startUs, endUs: startUs + lengthUs, level: 0 });
    const hrOnly = DEFAULT_ALERT_RULES.filter((r) => r.name === 'hr-high');
    const c = new IomtCollector(hrOnly, [ep(5_000_000, 'desaturation', 60_000_000), ep(570_000_000, 'desaturation', 20_000_000), ep(5_000_000, 'tachycardia', 2_000_000), ep(570_000_000, 'tachycardia', 2_000_000)], [], 10_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes_unwatched']!.value).toBe(0);
    expect(m['iomt.episodes_shorter_than_hold']!.value).toBe(0);
  });

  it('leaves out of iomt.episodes, and counts apart, an episode no device of its patient can observe', () => {
    // Patient 0 has only a pulse oximeter (SpO₂); patient 1 also an ECG patch (heart rate).
    const readingTimes = [[PULSE_OXIMETER], [PULSE_OXIMETER, ECG_PATCH]];
    const ep = (patient: number, kind: 'desaturation' | 'tachycardia') => ({ patient, kind, startUs: 100_000_000, endUs: 160_000_000, level: 0 });
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0, 'desaturation'), ep(0, 'tachycardia'), ep(1, 'tachycardia')], [], 0, [], { readingTimes });
    const spo2 = DEFAULT_ALERT_RULES.findIndex((r) => r.name === 'spo2-low');
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: spo2, device: 0, conditionUs: 105_000_000 }, 121_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: HR, device: 2, conditionUs: 100_500_000 }, 106_000_000);
    const m = metrics(c, 600_000_000);
    expect(m['iomt.episodes']!.value).toBe(2);
    expect(m['iomt.episodes_unobservable']!.value).toBe(1);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(1);
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(1);
  });

  it("leaves out of iomt.episodes, and counts apart, an episode that lasted the hold but that no phase of its only device's readings lets the rule alarm", () => {
    // A 100 s tachycardia under a 65 s hold, seen only by a once-a-minute wearable (gaps 58–62 s):
    // it holds at most two readings, at most 62 s apart, so no phase or jitter draw alarms it.
    const holdUs = 65_000_000;
    const rule = { ...DEFAULT_ALERT_RULES[HR]!, holdUs };
    const startUs = 600_000_000;
    const endUs = startUs + 100_000_000;
    for (let phaseUs = 0; phaseUs < 62_000_000; phaseUs += 250_000) {
      for (const gapUs of [58_000_000, 60_000_000, 62_000_000]) {
        const state = new RuleState([rule], [CHANNEL_INDEX.hr]);
        for (let t = startUs - 2 * gapUs + phaseUs; t < endUs + 2 * gapUs; t += gapUs) {
          expect(state.feed(0, t >= startUs && t < endUs ? 140 : 80, t)).toBe(false);
        }
      }
    }
    const c = new IomtCollector([rule], [{ patient: 0, kind: 'tachycardia', startUs, endUs, level: 140 }], [], 0, [], { readingTimes: [[WEARABLE]] });
    const m = metrics(c, 1_200_000_000);
    expect(m['iomt.episodes']!.value).toBe(0);
    expect(m['iomt.episodes_undersampled']!.value).toBe(1);
    expect(m['iomt.episodes_shorter_than_hold']!.value).toBe(0);
  });

  it("scores an episode that one of its patient's devices surely samples for the hold, though another would not", () => {
    // A 100 s tachycardia under hr-high's 5 s hold: the wearable alone can miss it (one reading in
    // it at some phases), the ECG patch's readings every second surely span 5 s of it.
    const ep = (patient: number) => ({ patient, kind: 'tachycardia' as const, startUs: 600_000_000, endUs: 700_000_000, level: 140 });
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0), ep(1)], [], 0, [], { readingTimes: [[WEARABLE], [WEARABLE, ECG_PATCH]] });
    const m = metrics(c, 1_200_000_000);
    expect(m['iomt.episodes']!.value).toBe(1);
    expect(m['iomt.episodes_undersampled']!.value).toBe(1);
  });

  it('reports access decision latency p50, p95, p99 and max as exact percentiles (Histogram, Hyndman & Fan definition 7)', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 1_000_000);
    // Latencies 1..10 ms and 110 ms: 11 samples, percentile p at rank 10·p/100 of the sorted ones.
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 110].forEach((ms, k) => {
      const submittedUs = 2_000_000 + k * 1_000_000;
      c.onEvent({ kind: 'iomt-access-decided', request: `r${k}`, requester: 'cl_x', role: 'clinician', submittedUs, decision: 'permit', patient: 0 }, submittedUs + ms * 1_000);
    });
    const m = metrics(c);
    // p50: rank 5 → 6 ms (the mean is 15); p95: rank 9.5 → 10 + 0.5·100 = 60; p99: rank 9.9 → 10 + 0.9·100 = 100 (up to float rounding).
    expect(m['iomt.access_decision_latency_ms.p50']!.value).toBe(6);
    expect(m['iomt.access_decision_latency_ms.p95']!.value).toBe(60);
    expect(m['iomt.access_decision_latency_ms.p99']!.value).toBeCloseTo(100, 9);
    expect(m['iomt.access_decision_latency_ms.max']!.value).toBe(110);
  });

  it('counts every decided access request but times only those submitted after the warm-up, as the catalog says', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 1_000_000);
    // One request submitted during the warm-up (decided after it), one after; each decided 50 ms later.
    for (const [k, submittedUs] of [500_000, 2_000_000].entries()) {
      c.onEvent({ kind: 'iomt-access-decided', request: `r${k}`, requester: 'cl_x', role: 'clinician', submittedUs, decision: 'permit', patient: 0 }, submittedUs + 50_000 * (k + 1));
    }
    const m = metrics(c);
    expect(m['iomt.access_requests']!.value).toBe(2);
    // One latency sample: the second request's 100 ms (the first's 50 ms would pull the mean to 75).
    expect(m['iomt.access_decision_latency_ms.mean']!.value).toBe(100);
    expect(m['iomt.access_decision_latency_ms.max']!.value).toBe(100);
    expect(metricDoc('iomt.access_decision_latency_ms.p50')!.meaning).toContain('submitted after the warm-up');
  });

  // LogHistogram (durable, anchor): Hyndman & Fan definition 7 as Histogram, h = (n − 1)·p/100,
  // interpolating between the samples of 0-based ranks ⌊h⌋ and ⌊h⌋ + 1, each represented by the
  // midpoint of its bucket (a power of two 2^e split in 1,024 sub-buckets: 2^e · (1 + (sub + 0.5)/1024)),
  // clamped to [min, max]; the smallest and largest samples are the exact min and max. The expected
  // values below follow from those midpoints; the mean is exact.
  const batch = (latenciesMs: readonly number[], atUs: number) => new Float64Array(latenciesMs.map((ms) => atUs - ms * 1_000));
  const spread = (low: number, mid: number, high: number, top: number) => [...Array<number>(10).fill(low), ...Array<number>(8).fill(mid), high, top];

  it('reports durable latency mean, p50, p95 and p99 of the readings by type 7 between the bucket midpoints of the neighbouring ranks', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    // 20 readings: ten of 10 ms, eight of 20 ms, one of 50 ms, one of 400 ms (0-based ranks 0–9, 10–17, 18, 19).
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 0, stored: true, trueUs: batch(spread(10, 20, 50, 400), 5_000_000) }, 5_000_000);
    const m = metrics(c);
    expect(m['iomt.durable_latency_ms.mean']!.value).toBe(710 / 20);
    // p50: h = 9.5, between 10 ms (in [8, 16), sub 256, midpoint 10.00390625) and 20 ms (in [16, 32),
    // sub 256, midpoint 20.0078125): 15.005859375, where the exact type-7 value is 15.
    expect(m['iomt.durable_latency_ms.p50']!.value).toBe(15.005859375);
    // p95: h = 18.05, between 50 ms (in [32, 64), sub 576, midpoint 50.015625) and the max 400:
    // 50.015625 + 0.05 · 349.984375 = 67.51484375 (exact 67.5).
    expect(m['iomt.durable_latency_ms.p95']!.value).toBeCloseTo(67.51484375, 9);
    // p99: h = 18.81: 50.015625 + 0.81 · 349.984375 = 333.50296875 (exact 333.5).
    expect(m['iomt.durable_latency_ms.p99']!.value).toBeCloseTo(333.50296875, 9);
  });

  it('reports anchor latency mean, p50 and p95 of the readings by type 7 between the bucket midpoints of the neighbouring ranks', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    // 20 readings: ten of 100 ms, eight of 200 ms, one of 500 ms, one of 3000 ms.
    c.onEvent({ kind: 'iomt-batch-anchored', gateway: 0, batch: 0, height: 1, txBytes: 300, trueUs: batch(spread(100, 200, 500, 3_000), 5_000_000) }, 5_000_000);
    const m = metrics(c);
    expect(m['iomt.anchor_latency_ms.mean']!.value).toBe(6_100 / 20);
    // p50: h = 9.5, between 100 ms (in [64, 128), sub 576, midpoint 100.03125) and 200 ms (in
    // [128, 256), sub 576, midpoint 200.0625): 150.046875 (exact 150).
    expect(m['iomt.anchor_latency_ms.p50']!.value).toBe(150.046875);
    // p95: h = 18.05, between 500 ms (in [256, 512), sub 976, midpoint 500.125) and the max 3000:
    // 500.125 + 0.05 · 2499.875 = 625.11875 (exact 625).
    expect(m['iomt.anchor_latency_ms.p95']!.value).toBeCloseTo(625.11875, 9);
    expect(m['iomt.anchor_latency_ms.max']!.value).toBe(3_000);
  });

  it('reports integrity check latency p50 and p95 as exact percentiles of the answered checks (Histogram, Hyndman & Fan definition 7)', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    const outcomes = ['valid', 'invalid', 'unanchored', 'not-found', 'valid'] as const;
    [10, 20, 30, 100, 200].forEach((ms, k) => {
      const requestedUs = 1_000_000 * (k + 1);
      c.onEvent({ kind: 'iomt-integrity-check', request: `r${k}`, requester: 'cl_x', requestedUs, outcome: outcomes[k]! }, requestedUs + ms * 1_000);
    });
    const m = metrics(c);
    // Sorted 10, 20, 30, 100, 200: p50 at rank 2 → 30 ms (the mean is 72); p95 at rank 3.8 → 100 + 0.8·100 = 180.
    expect(m['iomt.integrity_check_latency_ms.p50']!.value).toBe(30);
    expect(m['iomt.integrity_check_latency_ms.p95']!.value).toBeCloseTo(180, 9);
  });

  it('counts an integrity check the store refused as refused, not as not found', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onEvent({ kind: 'iomt-integrity-check', request: 'r1', requester: 'cl_x', requestedUs: 1_000, outcome: 'refused' }, 2_000);
    const m = metrics(c);
    expect(m['iomt.integrity_checks_refused']!.value).toBe(1);
    expect(m['iomt.integrity_checks_not_found']!.value).toBe(0);
  });

  it('reports consent revocation enforcement latency (mean, p50, p95, p99, max) from submission to the committed revocation', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    // Three revocations enforced 2, 4 and 12 ms after submission.
    [2, 4, 12].forEach((ms, k) => {
      const consent = `con_${k}`;
      const submittedUs = 1_000_000 * (k + 1);
      const revoke = submitRevoke(c, consent, submittedUs);
      c.onOutcome({ kind: 'consent-revoked', tx: revoke, height: k + 1, consent }, submittedUs + ms * 1_000);
    });
    const m = metrics(c);
    expect(m['iomt.consent_revoke_enforced_latency_ms.mean']!.value).toBe(6);
    expect(m['iomt.consent_revoke_enforced_latency_ms.p50']!.value).toBe(4);
    // p95 at rank 1.9 → 4 + 0.9·8 = 11.2; p99 at rank 1.98 → 4 + 0.98·8 = 11.84 (up to float rounding).
    expect(m['iomt.consent_revoke_enforced_latency_ms.p95']!.value).toBeCloseTo(11.2, 9);
    expect(m['iomt.consent_revoke_enforced_latency_ms.p99']!.value).toBeCloseTo(11.84, 9);
    expect(m['iomt.consent_revoke_enforced_latency_ms.max']!.value).toBe(12);
  });

  it("counts the records served after their consent's revocation committed, the window to the last of them, and fails the consent check on them", () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    // Two permits decided under con_a at height 1; its revocation commits (first honest replica) at 10 s.
    const decided = [permit(1, 'con_a'), permit(1, 'con_a')];
    for (const p of decided) c.onOutcome(p, 1_000_000);
    decided.forEach((p, k) => {
      const a = (p as Extract<ContractOutcome, { kind: 'access' }>).access;
      c.onEvent({ kind: 'iomt-record-served', store: 9, serial: k, request: a.request, requester: a.requester, device: 0, patient: a.patient, altered: false }, [5_000_000, 40_000_000][k]!);
    });
    const consents = new Map([['con_a', { patient: 'pt_x', grantee: 'cl_x', scope: 'treatment' as const, purpose: 'TREAT' as const, periodStartUs: 0, periodEndUs: 1e12, provision: 'permit' as const, status: 'inactive' as const, revokedHeight: 2 }]]);
    const { metrics: m, checks } = c.finish({ durationUs: 1e9, accepted: 0, readingsSent: 0, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents, consentRevokedUs: new Map([['con_a', 10_000_000]]) });
    expect(m['iomt.records_served_after_revocation']!.value).toBe(1);
    expect(m['iomt.revoked_consent_read_window_ms']!.value).toBe(30_000);
    expect(m['iomt.consent_violations']!.value).toBe(1);
    expect(checks.find((k) => k.name === 'iomt.consent_enforced')).toMatchObject({ passed: false, violationsMetric: 'iomt.consent_violations' });
    expect(checks.find((k) => k.name === 'iomt.consent_enforced')!.couldNotFail).toBeUndefined();
  });

  it('counts every detector alarm, and alarms per hour by detector from the end of warm-up', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 3_600_000_000, ['cusum:interarrival']);
    const alarm = (atUs: number) => c.onEvent({ kind: 'alarm', detector: 'cusum:interarrival', subject: 'device:1', timeUs: atUs }, atUs);
    alarm(1_000_000);
    alarm(4_000_000_000);
    alarm(5_000_000_000);
    const m = metrics(c, 7_200_000_000);
    expect(m['iomt.detector_alarms']!.value).toBe(3);
    expect(m['detect.cusum_interarrival.alarms_per_hour']!.value).toBe(2);
  });
});


describe('IomtCollector: each metric fails under a plausible wrong variant', () => {
  const finish = (c: IomtCollector, o: Partial<Parameters<IomtCollector['finish']>[0]> = {}) =>
    c.finish({ durationUs: 1e9, accepted: 0, readingsSent: 0, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents: new Map(), consentRevokedUs: new Map(), ...o });

  it('takes the anchored share from the readings anchored and the durable share from those durable, each over the readings accepted', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    // Four readings durable (batch 0), three anchored (batch 1, whose store acknowledgement is still to come), of ten accepted.
    c.onEvent({ kind: 'iomt-batch-durable', gateway: 0, batch: 0, stored: true, trueUs: new Float64Array([1_000_000, 1_100_000, 1_200_000, 1_300_000]) }, 2_000_000);
    c.onOutcome({ kind: 'anchored', tx: tx(), height: 1, anchor: { gateway: 0, batch: 1, root: 'r', readings: 3 } }, 3_000_000);
    const m = finish(c, { accepted: 10 }).metrics;
    expect(m['iomt.readings_durable']!.value).toBe(4);
    expect(m['iomt.readings_anchored']!.value).toBe(3);
    expect(m['iomt.readings_durable_ratio']!.value).toBe(4 / 10);
    expect(m['iomt.readings_anchored_ratio']!.value).toBe(3 / 10);
  });

  it('reports the readings sent, lost and accepted and the alerts refused on chain as the world counted them', () => {
    const m = finish(new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0), { readingsSent: 12, readingsLost: 2, accepted: 9, alertsRefused: 3 }).metrics;
    expect([m['iomt.readings_sent']!.value, m['iomt.readings_lost']!.value, m['iomt.readings_accepted']!.value, m['iomt.alerts_refused_onchain']!.value]).toEqual([12, 2, 9, 3]);
  });

  it('counts false and duplicate alerts on the fast path only, and times the on-chain path from its first alert of an episode', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [{ patient: 0, kind: 'tachycardia', startUs: 100_000_000, endUs: 160_000_000, level: 140 }], [], 0);
    const alert = (path: 'fast' | 'chain', conditionUs: number, atUs: number) => c.onEvent({ kind: 'iomt-alert-delivered', path, patient: 0, rule: HR, device: 0, conditionUs }, atUs);
    // Each path: a first alert, a second for the same episode, and one whose condition began 400 s in (past the episode's end and grace, 220 s).
    alert('fast', 100_500_000, 106_000_000);
    alert('fast', 101_000_000, 107_000_000);
    alert('fast', 400_000_000, 405_000_000);
    alert('chain', 100_500_000, 110_000_000);
    alert('chain', 101_000_000, 120_000_000);
    alert('chain', 400_000_000, 410_000_000);
    const m = finish(c).metrics;
    expect(m['iomt.false_alerts']!.value).toBe(1);
    expect(m['iomt.duplicate_alerts']!.value).toBe(1);
    expect(m['iomt.alert_latency_ms.max']!.value).toBe(6_000);
    expect(m['iomt.alert_latency_onchain_ms.max']!.value).toBe(10_000);
  });

  it("counts an alert exactly the rule's target beyond its hold as within target, and one a microsecond later as not", () => {
    // hr-high: 5 s hold, 10 s target, so 15 s from onset is the last instant within it.
    const ep = (patient: number) => ({ patient, kind: 'tachycardia' as const, startUs: 100_000_000, endUs: 160_000_000, level: 140 });
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [ep(0), ep(1)], [], 0);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 100_500_000 }, 115_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: HR, device: 1, conditionUs: 100_500_000 }, 115_000_001);
    const m = finish(c, { durationUs: 600_000_000 }).metrics;
    expect(m['iomt.episodes_within_target']!.value).toBe(1);
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(1 / 2);
  });

  it('times only the consent revocations submitted after the warm-up', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 5_000_000);
    // con_a submitted during the warm-up and committed 6 s later; con_b after it, committed 500 ms later.
    const revokeA = submitRevoke(c, 'con_a', 1_000_000);
    const revokeB = submitRevoke(c, 'con_b', 6_000_000);
    c.onOutcome({ kind: 'consent-revoked', tx: revokeB, height: 1, consent: 'con_b' }, 6_500_000);
    c.onOutcome({ kind: 'consent-revoked', tx: revokeA, height: 2, consent: 'con_a' }, 7_000_000);
    const m = finish(c).metrics;
    expect(m['iomt.consent_revoke_enforced_latency_ms.mean']!.value).toBe(500);
    expect(m['iomt.consent_revoke_enforced_latency_ms.max']!.value).toBe(500);
  });

  it('fails iomt.no_phi_on_chain on a committed call that carries PHI, and counts its bytes', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], ['MRN0000001'], 0);
    const call = (args: Record<string, unknown>): Transaction => ({ ...tx(), call: { contract: 'EmergencyAlert', method: 'record', args } });
    c.onOutcome({ kind: 'rejected', tx: call({ rule: 'hr-high', patient: 'pt_0123456789abcdef' }), height: 1, reason: 'r' }, 1_000);
    // A record number where the pseudonym belongs: its 10 bytes.
    c.onOutcome({ kind: 'rejected', tx: call({ rule: 'hr-high', patient: 'MRN0000001' }), height: 2, reason: 'r' }, 2_000);
    const { metrics: m, checks } = finish(c);
    expect(m['iomt.phi_bytes_on_chain']!.value).toBe(10);
    const check = checks.find((k) => k.name === 'iomt.no_phi_on_chain')!;
    expect(check).toMatchObject({ passed: false, detail: 'PHI in fields patient' });
    expect(check.couldNotFail).toBeUndefined();
  });

  it('judges audit completeness over the reads judged, not all served, and counts each judged read without its entry as unaudited', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    const reader = 'cl_x';
    for (const request of ['q1', 'q2', 'q4']) {
      c.onOutcome({ kind: 'access', tx: tx(), height: 1, blockTimeUs: 0, access: { request, requester: reader, patient: 'pt_x', decision: 'break-glass', consent: '', keyToken: 'k' } }, 1_000_000);
    }
    const served = (serial: number, request: string, atUs: number) =>
      c.onEvent({ kind: 'iomt-record-served', store: 9, serial, request, requester: reader, device: 0, patient: 'pt_x', altered: false }, atUs);
    served(0, 'q1', 10_000_000); // audited: q1's entry is committed
    served(1, 'q2', 20_000_000); // unaudited: no entry
    served(2, '', 30_000_000); // unaudited: names no request
    served(3, 'q1', 40_000_000); // unaudited: q1's entry already audits the first read
    served(4, 'q4', 97_000_000); // not judged: within the last 5 s, its entry may still commit
    const entry: AuditEntry = { type: 'break-glass', action: 'R', recordedUs: 0, outcome: 'success', agent: reader, entity: 'pt_x', purpose: 'ETREAT', ref: 'q1' };
    const { metrics: m, checks } = finish(c, { durationUs: 100_000_000, audit: new Map([[requestKey(reader, 'q1'), entry]]) });
    expect(m['iomt.records_served']!.value).toBe(5);
    expect(m['iomt.records_served_unaudited']!.value).toBe(3);
    expect(m['iomt.audit_completeness_ratio']!.value).toBe(1 / 4);
    const auditComplete = checks.find((k) => k.name === 'iomt.audit_complete')!;
    expect(auditComplete.passed).toBe(false);
    expect(auditComplete.couldNotFail).toBeUndefined();
  });

  it("credits an alert whose condition began within a minute after its episode's end to that episode, not as false", () => {
    // A one-minute tachycardia from 100 s; a device clock or lag places the condition 59 s after its end (the grace is 60 s).
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [{ patient: 0, kind: 'tachycardia', startUs: 100_000_000, endUs: 160_000_000, level: 140 }], [], 0);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: HR, device: 0, conditionUs: 219_000_000 }, 224_000_000);
    const m = finish(c, { durationUs: 600_000_000 }).metrics;
    expect(m['iomt.false_alerts']!.value).toBe(0);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(1);
  });

  it("counts an alert of a rule on another episode kind's channel as false, not as the episode's alert", () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [{ patient: 0, kind: 'tachycardia', startUs: 100_000_000, endUs: 160_000_000, level: 140 }], [], 0);
    const spo2 = DEFAULT_ALERT_RULES.findIndex((r) => r.name === 'spo2-low');
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: spo2, device: 0, conditionUs: 101_000_000 }, 117_000_000);
    const m = finish(c, { durationUs: 600_000_000 }).metrics;
    expect(m['iomt.false_alerts']!.value).toBe(1);
    expect(m['iomt.episodes_alerted_ratio']!.value).toBe(0);
  });

  it("scores an episode that lasted exactly its rule's hold: the rule alarms a condition held that long", () => {
    // hr-high holds 5 s (alert-rules.ts fires once a condition has held holdUs).
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [{ patient: 0, kind: 'tachycardia', startUs: 100_000_000, endUs: 105_000_000, level: 140 }], [], 0);
    const m = finish(c, { durationUs: 600_000_000 }).metrics;
    expect(m['iomt.episodes']!.value).toBe(1);
    expect(m['iomt.episodes_shorter_than_hold']!.value).toBe(0);
  });

  it("counts a permit as stale only while its consent's revocation is submitted and not yet committed, not after the commit", () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    const revoke = submitRevoke(c, 'con_a', 1_000_000);
    c.onOutcome({ kind: 'consent-revoked', tx: revoke, height: 2, consent: 'con_a' }, 2_000_000);
    c.onOutcome(permit(3, 'con_a'), 3_000_000);
    expect(finish(c).metrics['iomt.stale_accesses']!.value).toBe(0);
  });

  it('counts no permit as stale after its consent\'s revocation committed as a refused call: the consent stayed active', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    const revoke = submitRevoke(c, 'con_a', 1_000_000);
    c.onOutcome(permit(2, 'con_a'), 1_500_000);
    c.onOutcome({ kind: 'rejected', tx: revoke, height: 3, reason: 'patient-not-sender' }, 2_000_000);
    c.onOutcome(permit(4, 'con_a'), 3_000_000);
    const m = finish(c).metrics;
    // The permit before the refusal committed, while the revocation was pending, is stale; the one after is not.
    expect(m['iomt.stale_accesses']!.value).toBe(1);
    expect(m['iomt.consent_revoke_enforced_latency_ms.max']!.value).toBeNaN();
  });

  it("keeps a consent's revocation pending when another revocation of it is refused", () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    const patients = submitRevoke(c, 'con_a', 1_000_000);
    const refused = submitRevoke(c, 'con_a', 1_200_000);
    c.onOutcome({ kind: 'rejected', tx: refused, height: 2, reason: 'patient-not-sender' }, 2_000_000);
    c.onOutcome(permit(3, 'con_a'), 3_000_000);
    c.onOutcome({ kind: 'consent-revoked', tx: patients, height: 4, consent: 'con_a' }, 4_000_000);
    const m = finish(c).metrics;
    expect(m['iomt.stale_accesses']!.value).toBe(1);
    // Timed from its own submission, not the later refused one's.
    expect(m['iomt.consent_revoke_enforced_latency_ms.max']!.value).toBe(3_000);
  });

  it('fails iomt.integrity on a read whose proof failed, with no valid read beside it, and does not call it vacuous', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onEvent({ kind: 'iomt-integrity-check', request: 'r1', requester: 'cl_x', requestedUs: 0, outcome: 'invalid' }, 10);
    const integrity = finish(c).checks.find((k) => k.name === 'iomt.integrity')!;
    expect(integrity).toMatchObject({ passed: false, detail: '0 valid, 1 invalid reads' });
    expect(integrity.couldNotFail).toBeUndefined();
  });
});
