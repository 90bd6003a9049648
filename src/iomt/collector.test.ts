import { describe, expect, it } from 'vitest';
import type { ContractOutcome } from '../contracts/index.ts';
import type { Transaction } from '../ledger/index.ts';
import { DEFAULT_ALERT_RULES } from './alert-rules.ts';
import { IomtCollector } from './collector.ts';

let id = 0;
function tx(): Transaction {
  return { id: id++, sender: 1, sizeBytes: 100, payloadDigest: '', submittedUs: 0, call: { contract: 'C', method: 'm', args: {} } };
}
function permit(height: number, consent: string): ContractOutcome {
  return { kind: 'access', tx: tx(), height, blockTimeUs: 0, access: { request: `req_1_${id}`, requester: 'cl_x', patient: 'pt_x', decision: 'permit', consent, keyToken: 'k' } };
}

function metrics(c: IomtCollector) {
  return c.finish({ durationUs: 1e9, accepted: 0, alertsRefused: 0, audit: new Map(), consents: new Map() }).metrics;
}

describe('IomtCollector', () => {
  it('counts a permit on a consent whose revocation is submitted but not yet committed as stale', () => {
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [], [], 0);
    c.onOutcome(permit(1, 'con_a'), 1_000);
    c.onEvent({ kind: 'iomt-revoke-submitted', consent: 'con_a', submittedUs: 2_000 }, 2_000);
    c.onOutcome(permit(2, 'con_a'), 3_000);
    c.onOutcome({ kind: 'consent-revoked', tx: tx(), height: 3, consent: 'con_a' }, 5_500);
    const m = metrics(c);
    expect(m['iomt.stale_accesses']!.value).toBe(1);
    expect(m['iomt.consent_revoke_enforced_latency_ms.p50']!.value).toBe(3.5);
    expect(m['iomt.consent_violations']!.value).toBe(0);
  });

  it('scores the first fast-path alert of an episode from the episode start, and others as duplicates or false', () => {
    const episode = { patient: 0, kind: 'desaturation' as const, startUs: 10_000_000, endUs: 100_000_000, level: 85 };
    const c = new IomtCollector(DEFAULT_ALERT_RULES, [episode], [], 0);
    const spo2 = DEFAULT_ALERT_RULES.findIndex((r) => r.name === 'spo2-low');
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: spo2, device: 1, conditionUs: 0 }, 31_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 0, rule: spo2, device: 1, conditionUs: 0 }, 32_000_000);
    c.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: 1, rule: spo2, device: 2, conditionUs: 0 }, 32_000_000);
    const m = metrics(c);
    expect(m['iomt.alert_latency_ms.p50']!.value).toBe(21_000);
    expect(m['iomt.duplicate_alerts']!.value).toBe(1);
    expect(m['iomt.false_alerts']!.value).toBe(1);
    // 21 s from onset minus the 15 s hold is 6 s of signal generation delay: within the 10 s target.
    expect(m['iomt.alert_within_target_ratio']!.value).toBe(1);
  });
});
