import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex as nobleBytesToHex } from '@noble/hashes/utils.js';
import { bytesToHex, sha256, sha256Hex } from './hash.ts';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vector for "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with @noble/hashes on arbitrary bytes and strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string(), (bytes, text) => {
        expect(bytesToHex(sha256(bytes))).toBe(bytesToHex(nobleSha256(bytes)));
        expect(sha256Hex(text)).toBe(bytesToHex(nobleSha256(new TextEncoder().encode(text))));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('writes hex as @noble/hashes does, for views that start inside their buffer too', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(8), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length));
        expect(bytesToHex(view)).toBe(nobleBytesToHex(view));
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
