import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { merkleRoot } from './merkle.ts';
import { packedMerkleRoot } from './packed-merkle.ts';

function split(data: Uint8Array, leafBytes: number, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => data.subarray(i * leafBytes, (i + 1) * leafBytes));
}

describe('packedMerkleRoot', () => {
  it('equals the RFC 9162 recursive tree head over the same leaves, for every count and leaf size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1000 }), (leafBytes, count, seed) => {
        const data = Uint8Array.from({ length: leafBytes * count }, (_, i) => (i * 31 + seed) & 0xff);
        expect(packedMerkleRoot(data, leafBytes, count)).toBe(merkleRoot(split(data, leafBytes, count)));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('reads only the first count leaves of a larger buffer', () => {
    const data = Uint8Array.from({ length: 32 * 10 }, (_, i) => i & 0xff);
    expect(packedMerkleRoot(data, 32, 7)).toBe(merkleRoot(split(data, 32, 7)));
  });

  it('changes when any bit of any leaf changes', () => {
    const data = Uint8Array.from({ length: 32 * 5 }, (_, i) => i);
    const root = packedMerkleRoot(data, 32, 5);
    for (const byte of [0, 31, 64, 159]) {
      const edited = data.slice();
      edited[byte]! ^= 1;
      expect(packedMerkleRoot(edited, 32, 5)).not.toBe(root);
    }
  });

  it('hashes a buffer again once it changed, or is read at another count, after its root was computed', () => {
    const data = Uint8Array.from({ length: 32 * 6 }, (_, i) => (i * 7) & 0xff);
    const root = packedMerkleRoot(data, 32, 6);
    data[100]! ^= 1;
    expect(packedMerkleRoot(data, 32, 6)).toBe(merkleRoot(split(data, 32, 6)));
    expect(packedMerkleRoot(data, 32, 6)).not.toBe(root);
    data[100]! ^= 1;
    expect(packedMerkleRoot(data, 32, 6)).toBe(root);
    expect(packedMerkleRoot(data, 32, 5)).toBe(merkleRoot(split(data, 32, 5)));
    expect(packedMerkleRoot(data, 16, 12)).toBe(merkleRoot(split(data, 16, 12)));
  });

  it('refuses a buffer shorter than its leaves', () => {
    expect(() => packedMerkleRoot(new Uint8Array(40), 32, 2)).toThrow(/2 leaves of 32 B need 64 B, found 40/);
  });
});
