import { describe, expect, it } from 'vitest';
import { requestKey, type AccessDecision, type AuditEntry, type ConsentRecord } from '../contracts/index.ts';
import { accessEntriesByRequest, AUDIT_GRACE_US, REVOCATION_GRACE_US, ServedReads } from './served-reads.ts';

const END_US = 600_000_000;
let serial = 0;

function served(reads: ServedReads, request: string, atUs: number, requester = 'cl_a'): void {
  reads.onServed({ kind: 'iomt-record-served', store: 9, serial: serial++, request, requester, device: 0, patient: 'pt_a', altered: false }, atUs);
}

/** An access decision in a block stamped `blockTimeUs`, first executed at `executedUs` (by default then) on a request submitted at `submittedUs` (by default 0). */
function access(reads: ServedReads, request: string, o: { decision?: AccessDecision; consent?: string; requester?: string; height: number; blockTimeUs: number; submittedUs?: number; executedUs?: number }): void {
  const tx = { id: serial++, sender: 1, sizeBytes: 100, payloadDigest: '', submittedUs: o.submittedUs ?? 0 };
  const decision = o.decision ?? 'permit';
  reads.onAccess({ kind: 'access', tx, height: o.height, blockTimeUs: o.blockTimeUs, access: { request, requester: o.requester ?? 'cl_a', patient: 'pt_a', decision, consent: o.consent ?? (decision === 'permit' ? 'con_a' : ''), keyToken: 'k' } }, o.executedUs ?? o.blockTimeUs);
}

/** An access entry, keyed as the world keys them (requestKey of its agent and ref). */
function entry(request: string, recordedUs: number, agent = 'cl_a'): [string, AuditEntry] {
  return [requestKey(agent, request), { type: 'access', action: 'R', recordedUs, outcome: 'success', agent, entity: 'pt_a', purpose: 'TREAT', ref: request }];
}

/** The verdicts at END_US; `revokedUs`: when each consent's revocation committed (none by default). */
function judge(reads: ServedReads, audit: ReadonlyMap<string, AuditEntry>, consents: ReadonlyMap<string, ConsentRecord>, revokedUs: ReadonlyMap<string, number> = new Map()) {
  return reads.judge(END_US, audit, consents, revokedUs);
}

function consent(c: Partial<ConsentRecord> = {}): Map<string, ConsentRecord> {
  return new Map([['con_a', { patient: 'pt_a', grantee: 'cl_a', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: END_US, provision: 'permit', status: 'active', revokedHeight: -1, ...c } satisfies ConsentRecord]]);
}

describe('served reads against the committed audit log', () => {
  it('counts a read whose access entry was committed before it as audited', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 1, blockTimeUs: 9_000_000 });
    served(reads, 'req_1', 10_000_000);
    const v = judge(reads, new Map([entry('req_1', 9_000_000)]), consent());
    expect(v).toMatchObject({ served: 1, judged: 1, audited: 1, unaudited: [] });
  });

  it('counts a read that names no request as unaudited, even at the very end of the run', () => {
    const reads = new ServedReads();
    served(reads, '', END_US - 1);
    expect(judge(reads, new Map(), consent())).toMatchObject({ judged: 1, audited: 0, unaudited: ['9:' + (serial - 1)] });
  });

  it('counts a read whose entry names another reader, or came later than the grace, as unaudited', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 1, blockTimeUs: 9_000_000 });
    access(reads, 'req_2', { height: 2, blockTimeUs: 10_000_000 + AUDIT_GRACE_US + 1 });
    served(reads, 'req_1', 10_000_000);
    served(reads, 'req_2', 10_000_000);
    const audit = new Map([entry('req_1', 9_000_000, 'cl_other'), entry('req_2', 10_000_000 + AUDIT_GRACE_US + 1)]);
    expect(judge(reads, audit, consent()).unaudited).toHaveLength(2);
  });

  it('audits one read per entry: a second read naming a request already served is unaudited, even at the end', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 1, blockTimeUs: 9_000_000 });
    served(reads, 'req_1', 10_000_000);
    served(reads, 'req_1', 20_000_000);
    served(reads, 'req_1', END_US - 1);
    const v = judge(reads, new Map([entry('req_1', 9_000_000)]), consent());
    expect(v).toMatchObject({ served: 3, judged: 3, audited: 1 });
    expect(v.unaudited).toHaveLength(2);
  });

  it("audits a read under its own requester's entry though another reader's request of the same id was served first", () => {
    const reads = new ServedReads();
    // cl_b took cl_a's predictable next id for its own request; both were permitted and served.
    access(reads, 'req_5_0', { requester: 'cl_b', height: 1, blockTimeUs: 9_000_000 });
    access(reads, 'req_5_0', { height: 2, blockTimeUs: 9_500_000 });
    served(reads, 'req_5_0', 10_000_000, 'cl_b');
    served(reads, 'req_5_0', 11_000_000);
    const v = judge(reads, new Map([entry('req_5_0', 9_000_000, 'cl_b'), entry('req_5_0', 9_500_000)]), consent());
    expect(v).toMatchObject({ judged: 2, audited: 2, unaudited: [] });
  });

  it("keeps every honest replica's entries of one request id by requester: a first entry of another reader's does not hide the requester's own", () => {
    const [squatter, own] = [entry('req_5_0', 9_000_000, 'cl_b')[1], entry('req_5_0', 9_500_000)[1]];
    const byRequest = accessEntriesByRequest([{ entries: [squatter] }, { entries: [own, squatter] }]);
    expect(byRequest.get(requestKey('cl_a', 'req_5_0'))).toBe(own);
    expect(byRequest.get(requestKey('cl_b', 'req_5_0'))).toBe(squatter);
  });

  it('audits a read whose entry was decided within the grace after it (its store acted on its node\'s decision before the honest replicas committed it)', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 1, blockTimeUs: 10_000_000 + AUDIT_GRACE_US });
    served(reads, 'req_1', 10_000_000);
    expect(judge(reads, new Map([entry('req_1', 10_000_000 + AUDIT_GRACE_US)]), consent())).toMatchObject({ judged: 1, audited: 1, unaudited: [] });
  });

  it("counts a read as unaudited when its request's entry records a refusal or another patient", () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 1, blockTimeUs: 9_000_000 });
    access(reads, 'req_2', { height: 1, blockTimeUs: 9_000_000 });
    served(reads, 'req_1', 10_000_000);
    served(reads, 'req_2', 10_000_000);
    const [refusedKey, refused] = entry('req_1', 9_000_000);
    const [otherKey, other] = entry('req_2', 9_000_000);
    const audit = new Map([[refusedKey, { ...refused, outcome: 'no applicable consent' }], [otherKey, { ...other, entity: 'pt_b' }]]);
    expect(judge(reads, audit, consent())).toMatchObject({ judged: 2, audited: 0 });
  });

  it('leaves unjudged a read in the last grace of the run whose entry has not committed yet', () => {
    const reads = new ServedReads();
    served(reads, 'req_late', END_US - AUDIT_GRACE_US + 1);
    served(reads, 'req_lost', END_US - AUDIT_GRACE_US - 1);
    const v = judge(reads, new Map(), consent());
    expect(v).toMatchObject({ served: 2, judged: 1, audited: 0 });
    expect(v.unaudited).toHaveLength(1);
  });
});

describe('served reads against the committed consent state', () => {
  it('counts a read on a permit decided in a block after the revocation as a violation', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 11, blockTimeUs: 20_000_000 });
    served(reads, 'req_1', 21_000_000);
    expect(judge(reads, new Map(), consent({ status: 'inactive', revokedHeight: 10 }))).toMatchObject({ underConsent: 1, consentViolations: 1 });
  });

  it('does not count a read on a permit decided in or before the revocation\'s block (stale, not a violation)', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 10, blockTimeUs: 20_000_000 });
    served(reads, 'req_1', 21_000_000);
    expect(judge(reads, new Map(), consent({ status: 'inactive', revokedHeight: 10 })).consentViolations).toBe(0);
  });

  it('counts a read on a permit decided at a block time past the consent\'s period as a violation', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 5, blockTimeUs: 30_000_000 });
    served(reads, 'req_1', 31_000_000);
    expect(judge(reads, new Map(), consent({ periodEndUs: 30_000_000 })).consentViolations).toBe(1);
  });

  it('counts a read served after its consent ended as a violation, though its permit was decided within the period', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 5, blockTimeUs: 25_000_000 });
    served(reads, 'req_1', 31_000_000);
    expect(judge(reads, new Map(), consent({ periodEndUs: 30_000_000 })).consentViolations).toBe(1);
  });

  it("counts a read served within the grace after its consent's revocation committed among the reads after it, not as a violation (its store had yet to hear)", () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 10, blockTimeUs: 9_000_000 });
    served(reads, 'req_1', 10_500_000 + REVOCATION_GRACE_US);
    const v = judge(reads, new Map(), consent({ status: 'inactive', revokedHeight: 11 }), new Map([['con_a', 10_500_000]]));
    expect(v).toMatchObject({ underConsent: 1, consentViolations: 0, afterRevocation: 1 });
  });

  it("counts a read served after its consent's revocation committed as a violation, though its permit was decided before", () => {
    const reads = new ServedReads();
    // Permitted at height 10; the revocation (height 11) committed at 10.5 s; the former grantee read at 69.9 s.
    access(reads, 'req_1', { height: 10, blockTimeUs: 9_000_000 });
    served(reads, 'req_1', 69_900_000);
    const v = judge(reads, new Map(), consent({ status: 'inactive', revokedHeight: 11 }), new Map([['con_a', 10_500_000]]));
    expect(v).toMatchObject({ underConsent: 1, consentViolations: 1, afterRevocation: 1 });
    expect(v.revokedReadWindowUs).toBe(69_900_000 - 10_500_000);
  });

  it("does not count a read served before its consent's revocation committed: the window is 0, and no window without a revocation", () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 10, blockTimeUs: 9_000_000 });
    served(reads, 'req_1', 10_000_000);
    const v = judge(reads, new Map(), consent({ status: 'inactive', revokedHeight: 11 }), new Map([['con_a', 10_500_000]]));
    expect(v).toMatchObject({ underConsent: 1, consentViolations: 0, afterRevocation: 0, revokedReadWindowUs: 0 });
    expect(judge(reads, new Map(), consent()).revokedReadWindowUs).toBeNaN();
  });

  it("judges a read under its own requester's permit: another reader's decision on the same request id does not hide its violation", () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 11, blockTimeUs: 20_000_000 });
    // cl_b reused the id: its request was denied, decided after cl_a's.
    access(reads, 'req_1', { requester: 'cl_b', decision: 'deny', height: 12, blockTimeUs: 21_000_000 });
    served(reads, 'req_1', 22_000_000);
    expect(judge(reads, new Map(), consent({ status: 'inactive', revokedHeight: 10 }))).toMatchObject({ underConsent: 1, consentViolations: 1 });
  });

  it('judges a permit stamped before its request was submitted at the submission: a lying leader\'s past stamp does not hide an expired consent', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 5, blockTimeUs: 85_000_000, submittedUs: 91_000_000, executedUs: 91_500_000 });
    served(reads, 'req_1', 92_000_000);
    expect(judge(reads, new Map([entry('req_1', 85_000_000)]), consent({ periodEndUs: 90_000_000 })).consentViolations).toBe(1);
  });

  it('judges a permit stamped after its first execution at the execution, for consent and audit alike', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 5, blockTimeUs: 200_000_000, submittedUs: 30_000_000, executedUs: 31_000_000 });
    served(reads, 'req_1', 32_000_000);
    expect(judge(reads, new Map([entry('req_1', 200_000_000)]), consent({ periodEndUs: 100_000_000 }))).toMatchObject({ audited: 1, underConsent: 1, consentViolations: 0 });
  });

  it('counts a read on a consent not yet valid when its permit was decided, of another patient or grantee, or of a deny provision as a violation', () => {
    const reads = new ServedReads();
    const base = consent().get('con_a')!;
    const consents = new Map<string, ConsentRecord>([
      ['con_ok', base],
      ['con_later', { ...base, periodStartUs: 50_000_000 }],
      ['con_patient', { ...base, patient: 'pt_b' }],
      ['con_grantee', { ...base, grantee: 'cl_b' }],
      ['con_deny', { ...base, provision: 'deny' }],
    ]);
    [...consents.keys()].forEach((c, k) => {
      access(reads, `req_${k}`, { consent: c, height: 5, blockTimeUs: 20_000_000 });
      served(reads, `req_${k}`, 21_000_000);
    });
    expect(judge(reads, new Map(), consents)).toMatchObject({ underConsent: 5, consentViolations: 4 });
  });

  it('measures the revoked-consent read window to the last read after each revocation, the longest over the consents', () => {
    const reads = new ServedReads();
    // con_a revoked at 10 s, read at 20 s and 30 s (window 20 s); con_b revoked at 28 s, read at 33 s (window 5 s).
    const consents = new Map<string, ConsentRecord>([['con_a', consent().get('con_a')!], ['con_b', consent().get('con_a')!]]);
    access(reads, 'req_1', { consent: 'con_a', height: 1, blockTimeUs: 5_000_000 });
    access(reads, 'req_2', { consent: 'con_a', height: 1, blockTimeUs: 5_000_000 });
    access(reads, 'req_3', { consent: 'con_b', height: 1, blockTimeUs: 5_000_000 });
    served(reads, 'req_1', 20_000_000);
    served(reads, 'req_2', 30_000_000);
    served(reads, 'req_3', 33_000_000);
    const v = judge(reads, new Map(), consents, new Map([['con_a', 10_000_000], ['con_b', 28_000_000]]));
    expect(v).toMatchObject({ afterRevocation: 3, revokedReadWindowUs: 20_000_000 });
  });

  it('does not judge break-glass reads against consent', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { decision: 'break-glass', consent: '', height: 5, blockTimeUs: 30_000_000 });
    served(reads, 'req_1', 31_000_000);
    expect(judge(reads, new Map(), new Map())).toMatchObject({ underConsent: 0, consentViolations: 0 });
  });
});
