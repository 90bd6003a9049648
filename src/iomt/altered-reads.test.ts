import { describe, expect, it } from 'vitest';
import { AlteredReads } from './altered-reads.ts';
import type { IomtEvent } from './events.ts';

type Outcome = Extract<IomtEvent, { kind: 'iomt-integrity-check' }>['outcome'];

let serial = 0;
function served(reads: AlteredReads, request: string, altered: boolean, requester = 'cl_a'): void {
  reads.onServed({ kind: 'iomt-record-served', store: 9, serial: serial++, request, requester, device: 0, patient: 'pt_a', altered });
}
function checked(reads: AlteredReads, request: string, outcome: Outcome, requester = 'cl_a'): void {
  reads.onIntegrityCheck({ kind: 'iomt-integrity-check', request, requester, requestedUs: 0, outcome });
}

describe('AlteredReads', () => {
  it("follows each altered record served to its reader's check: caught, passed, or never checked; intact records are not counted", () => {
    const reads = new AlteredReads();
    served(reads, 'r_caught', true);
    served(reads, 'r_passed', true);
    served(reads, 'r_unanchored', true);
    served(reads, 'r_in_flight', true);
    served(reads, '', true);
    served(reads, 'r_intact', false);
    checked(reads, 'r_caught', 'invalid');
    checked(reads, 'r_passed', 'valid');
    checked(reads, 'r_unanchored', 'unanchored');
    checked(reads, 'r_intact', 'invalid');
    // A second check of the same request (none comes from an honest reader) is not counted again.
    checked(reads, 'r_caught', 'invalid');
    expect(reads.counts()).toEqual({ served: 5, caught: 1, passed: 1 });
  });

  it("matches an altered record to its own reader's check, not to another requester's request of the same id", () => {
    const reads = new AlteredReads();
    served(reads, 'req_5_0', true, 'cl_a');
    served(reads, 'req_5_0', false, 'cl_b');
    // cl_b's intact record verifies first: not the altered one passing.
    checked(reads, 'req_5_0', 'valid', 'cl_b');
    checked(reads, 'req_5_0', 'invalid', 'cl_a');
    expect(reads.counts()).toEqual({ served: 1, caught: 1, passed: 0 });
  });
});
