import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { bytesToHex } from './hash.ts';
import { sha256Into } from './sha256-into.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
function digestHex(input: Uint8Array): string {
  const out = new Uint8Array(32);
  sha256Into(input, 0, input.length, out, 0);
  return bytesToHex(out);
}

describe('sha256Into', () => {
  it('matches the FIPS 180-4 examples (one block, two blocks) and the empty message', () => {
    expect(digestHex(ascii('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digestHex(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(digestHex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with node:crypto on any slice of any buffer, written at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), fc.nat({ max: 40 }), (bytes, a, b, outOff) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const length = (bytes.length - start === 0 ? 0 : b % (bytes.length - start + 1));
        const out = new Uint8Array(outOff + 32).fill(0xaa);
        sha256Into(bytes, start, length, out, outOff);
        const expected = createHash('sha256').update(bytes.subarray(start, start + length)).digest('hex');
        expect(bytesToHex(out.subarray(outOff))).toBe(expected);
        expect(out.subarray(0, outOff).every((x) => x === 0xaa)).toBe(true);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('may write its digest over its own input', () => {
    const buf = ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    sha256Into(buf, 0, buf.length, buf, 0);
    expect(bytesToHex(buf.subarray(0, 32))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});
