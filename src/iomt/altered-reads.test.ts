import { describe, expect, it } from 'vitest';
import { AlteredReads } from './altered-reads.ts';
import type { IomtEvent } from './events.ts';

type Outcome = Extract<IomtEvent, { kind: 'iomt-integrity-check' }>['outcome'];

let serial = 0;
function served(reads: AlteredReads, request: string, altered: boolean): void {
  reads.onServed({ kind: 'iomt-record-served', store: 9, serial: serial++, request, requester: 'cl_a', device: 0, patient: 'pt_a', altered });
}
function checked(reads: AlteredReads, request: string, outcome: Outcome): void {
  reads.onIntegrityCheck({ kind: 'iomt-integrity-check', request, requestedUs: 0, outcome });
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
});
