import { describe, expect, it } from 'vitest';
import type { AccessDecision, AuditEntry, ConsentRecord } from '../contracts/index.ts';
import { AUDIT_GRACE_US, ServedReads } from './served-reads.ts';

const END_US = 600_000_000;
let serial = 0;

function served(reads: ServedReads, request: string, atUs: number, requester = 'cl_a'): void {
  reads.onServed({ kind: 'iomt-record-served', store: 9, serial: serial++, request, requester, device: 0, patient: 'pt_a', altered: false }, atUs);
}

function access(reads: ServedReads, request: string, o: { decision?: AccessDecision; consent?: string; height: number; blockTimeUs: number }): void {
  const tx = { id: serial++, sender: 1, sizeBytes: 100, payloadDigest: '', submittedUs: 0 };
  const decision = o.decision ?? 'permit';
  reads.onAccess({ kind: 'access', tx, height: o.height, blockTimeUs: o.blockTimeUs, access: { request, requester: 'cl_a', patient: 'pt_a', decision, consent: o.consent ?? 'con_a', keyToken: 'k' } });
}

function entry(request: string, recordedUs: number, agent = 'cl_a'): [string, AuditEntry] {
  return [request, { type: 'access', action: 'R', recordedUs, outcome: 'success', agent, entity: 'pt_a', purpose: 'TREAT', ref: request }];
}

function consent(c: Partial<ConsentRecord> = {}): Map<string, ConsentRecord> {
  return new Map([['con_a', { patient: 'pt_a', grantee: 'cl_a', scope: 'treatment', purpose: 'TREAT', periodStartUs: 0, periodEndUs: END_US, provision: 'permit', status: 'active', revokedHeight: -1, ...c } satisfies ConsentRecord]]);
}

describe('served reads against the committed audit log', () => {
  it('counts a read whose access entry was committed before it as audited', () => {
    const reads = new ServedReads();
    served(reads, 'req_1', 10_000_000);
    const v = reads.judge(END_US, new Map([entry('req_1', 9_000_000)]), consent());
    expect(v).toMatchObject({ served: 1, judged: 1, audited: 1, unaudited: [] });
  });

  it('counts a read that names no request as unaudited, even at the very end of the run', () => {
    const reads = new ServedReads();
    served(reads, '', END_US - 1);
    expect(reads.judge(END_US, new Map(), consent())).toMatchObject({ judged: 1, audited: 0, unaudited: ['9:' + (serial - 1)] });
  });

  it('counts a read whose entry names another reader, or came later than the grace, as unaudited', () => {
    const reads = new ServedReads();
    served(reads, 'req_1', 10_000_000);
    served(reads, 'req_2', 10_000_000);
    const audit = new Map([entry('req_1', 9_000_000, 'cl_other'), entry('req_2', 10_000_000 + AUDIT_GRACE_US + 1)]);
    expect(reads.judge(END_US, audit, consent()).unaudited).toHaveLength(2);
  });

  it('audits one read per entry: a second read naming a request already served is unaudited, even at the end', () => {
    const reads = new ServedReads();
    served(reads, 'req_1', 10_000_000);
    served(reads, 'req_1', 20_000_000);
    served(reads, 'req_1', END_US - 1);
    const v = reads.judge(END_US, new Map([entry('req_1', 9_000_000)]), consent());
    expect(v).toMatchObject({ served: 3, judged: 3, audited: 1 });
    expect(v.unaudited).toHaveLength(2);
  });

  it('leaves unjudged a read in the last grace of the run whose entry has not committed yet', () => {
    const reads = new ServedReads();
    served(reads, 'req_late', END_US - AUDIT_GRACE_US + 1);
    served(reads, 'req_lost', END_US - AUDIT_GRACE_US - 1);
    const v = reads.judge(END_US, new Map(), consent());
    expect(v).toMatchObject({ served: 2, judged: 1, audited: 0 });
    expect(v.unaudited).toHaveLength(1);
  });
});

describe('served reads against the committed consent state', () => {
  it('counts a read on a permit decided in a block after the revocation as a violation', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 11, blockTimeUs: 20_000_000 });
    served(reads, 'req_1', 21_000_000);
    expect(reads.judge(END_US, new Map(), consent({ status: 'inactive', revokedHeight: 10 }))).toMatchObject({ underConsent: 1, consentViolations: 1 });
  });

  it('does not count a read on a permit decided in or before the revocation\'s block (stale, not a violation)', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 10, blockTimeUs: 20_000_000 });
    served(reads, 'req_1', 21_000_000);
    expect(reads.judge(END_US, new Map(), consent({ status: 'inactive', revokedHeight: 10 })).consentViolations).toBe(0);
  });

  it('counts a read on a permit decided at a block time past the consent\'s period as a violation', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { height: 5, blockTimeUs: 30_000_000 });
    served(reads, 'req_1', 31_000_000);
    expect(reads.judge(END_US, new Map(), consent({ periodEndUs: 30_000_000 })).consentViolations).toBe(1);
  });

  it('does not judge break-glass reads against consent', () => {
    const reads = new ServedReads();
    access(reads, 'req_1', { decision: 'break-glass', consent: '', height: 5, blockTimeUs: 30_000_000 });
    served(reads, 'req_1', 31_000_000);
    expect(reads.judge(END_US, new Map(), new Map())).toMatchObject({ underConsent: 0, consentViolations: 0 });
  });
});
