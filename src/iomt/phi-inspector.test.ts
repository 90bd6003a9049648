import { describe, expect, it } from 'vitest';
import { PhiInspector } from './phi-inspector.ts';
import type { Transaction } from '../ledger/index.ts';

function tx(args: Record<string, unknown>, id = 1): Transaction {
  return { id, sender: 0, sizeBytes: 100, payloadDigest: '', submittedUs: 0, call: { contract: 'X', method: 'y', args } };
}

const IDENTIFIERS = ['MRN0000001', 'Ada Lovelace'];

describe('PhiInspector', () => {
  it('counts nothing for digests, pseudonyms, codes and counters', () => {
    const p = new PhiInspector(IDENTIFIERS);
    p.inspect(tx({ gateway: 3, batch: 7, root: 'ab'.repeat(32), readings: 12, pointer: `cas:${'cd'.repeat(32)}` }));
    p.inspect(tx({ request: 'req_5_1', requester: 'cl_0123456789abcdef', patient: 'pt_0123456789abcdef', purpose: 'TREAT', breakGlass: false }));
    expect(p.phiBytes).toBe(0);
  });

  it("counts nothing for identifiers an attack mints for its own actors (a former grantee's requests)", () => {
    const p = new PhiInspector(IDENTIFIERS);
    p.inspect(tx({ consent: 'con_misuse_0', patient: 'pt_0123456789abcdef', grantee: 'cl_misuse_0', scope: 'treatment', purpose: 'TREAT', periodStartUs: 60_000_000, periodEndUs: 90_000_000, provision: 'permit' }));
    p.inspect(tx({ request: 'req_misuse_17_4', requester: 'cl_misuse_0', patient: 'pt_0123456789abcdef', purpose: 'TREAT', breakGlass: false }));
    expect(p.phiBytes).toBe(0);
  });

  it('counts a raw vital sign, an unknown field and a real identifier as PHI, byte for byte', () => {
    const p = new PhiInspector(IDENTIFIERS);
    p.inspect(tx({ gateway: 3, value: 87.5 }));
    expect(p.phiBytes).toBe(4);
    p.inspect(tx({ rule: 'spo2-low', patient: 'MRN0000001' }));
    expect(p.phiBytes).toBe(4 + 10);
    p.inspect(tx({ evidence: 'note on Ada Lovelace' }));
    expect(p.phiBytes).toBe(14 + 20);
    expect([...p.offendingFields].sort()).toEqual(['evidence', 'patient', 'value']);
  });

  it('finds a real identifier inside an allowed shape, in any letter case', () => {
    const p = new PhiInspector(IDENTIFIERS);
    p.inspect(tx({ consent: 'con_ada_lovelace' }));
    expect(p.phiBytes).toBe(16);
    p.inspect(tx({ patient: 'pt_mrn0000001' }));
    expect(p.phiBytes).toBe(16 + 13);
    expect([...p.offendingFields].sort()).toEqual(['consent', 'patient']);
  });

  it('counts a value of the wrong shape in a known field (a reading in a counter, free text as a code)', () => {
    const p = new PhiInspector(IDENTIFIERS);
    p.inspect(tx({ readings: 87.5, status: 'SpO2 low since 14:02' }));
    expect(p.phiBytes).toBe(4 + 20);
    expect([...p.offendingFields].sort()).toEqual(['readings', 'status']);
  });

  it('names the transactions it flagged, and only those', () => {
    const p = new PhiInspector(IDENTIFIERS);
    p.inspect(tx({ gateway: 3, batch: 7, root: 'ab'.repeat(32), readings: 2 }, 10));
    p.inspect(tx({ gateway: 3, batch: 8, root: 'ab'.repeat(32), readings: 2, values: [97, 96.5] }, 11));
    p.inspect(tx({ gateway: 3, batch: 9, root: 'ab'.repeat(32), readings: 2, patient: 'pt_mrn0000001' }, 12));
    expect([...p.flaggedTxs]).toEqual([11, 12]);
  });
});
