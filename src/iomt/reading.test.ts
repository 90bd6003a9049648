import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyRing } from '../ledger/index.ts';
import { decodeRecord, encodeRecord, readingSignedBy, readingTerm, RECORD_BYTES, recordPayloadBytes } from './reading.ts';

const fields = fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 2 ** 45 }), fc.double({ noNaN: true }), fc.nat({ max: 0xffffffff }));

describe('readingTerm', () => {
  it('differs whenever any signed field differs (injective like the record bytes)', () => {
    fc.assert(
      fc.property(fields, fields, (a, b) => {
        const same = a.every((x, i) => Object.is(x, b[i]));
        expect(readingTerm(...a) === readingTerm(...b)).toBe(same);
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it('stays injective through the real mode\'s SHA-256 of its UTF-8 bytes', () => {
    const ring = new KeyRing('real', 1);
    expect(ring.digest(readingTerm(1, 2, 3, 97.5, 20))).not.toBe(ring.digest(readingTerm(1, 2, 3, 97.25, 20)));
    expect([...readingTerm(7, 0xffffffff, 2 ** 40, -1e300, 0xffffffff)].every((c) => c.charCodeAt(0) < 0x100)).toBe(true);
  });
});

describe('encodeRecord', () => {
  it('round-trips through decodeRecord at any offset of a packed buffer', () => {
    fc.assert(
      fc.property(fields, fc.nat({ max: 4 }), ([device, seq, ts, value, payload], slot) => {
        const packed = new Uint8Array(5 * RECORD_BYTES);
        encodeRecord(packed, slot * RECORD_BYTES, device, seq, ts, value, payload);
        expect(decodeRecord(packed.subarray(slot * RECORD_BYTES))).toEqual({ device, seq, timestampUs: ts, value, payloadBytes: payload });
      }),
      { numRuns: 200, seed: 9 },
    );
  });
});

describe('readingSignedBy', () => {
  for (const mode of ['symbolic', 'real'] as const) {
    it(`accepts the signer's reading as sent and refuses any edited field or other signer (${mode})`, () => {
      const ring = new KeyRing(mode, 1);
      const key = ring.issue(10);
      ring.issue(11);
      const m = { kind: 'reading' as const, device: 3, seq: 41, timestampUs: 1_234_567, value: 97.5, payloadBytes: 20, keyId: 10, trueUs: 1_234_000 };
      const signed = { ...m, sig: key.sign(ring.digest(readingTerm(m.device, m.seq, m.timestampUs, m.value, m.payloadBytes))) };
      expect(readingSignedBy(ring, signed, 10)).toBe(true);
      expect(readingSignedBy(ring, signed, 11)).toBe(false);
      for (const edit of [{ device: 4 }, { seq: 42 }, { timestampUs: 1_234_568 }, { value: 97.6 }, { payloadBytes: 21 }]) {
        expect(readingSignedBy(ring, { ...signed, ...edit }, 10)).toBe(false);
      }
    });
  }
});

describe('recordPayloadBytes', () => {
  it("reads a record's payload size as decodeRecord does, over the whole unsigned 32-bit range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (payload) => {
        const b = new Uint8Array(RECORD_BYTES);
        encodeRecord(b, 0, 7, 3, 1_000_000, 95.5, payload);
        expect(recordPayloadBytes(b)).toBe(decodeRecord(b).payloadBytes);
        expect(recordPayloadBytes(b)).toBe(payload);
      }),
    );
  });
});
