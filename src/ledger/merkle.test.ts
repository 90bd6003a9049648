import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Hex } from './hash.ts';
import { merkleProof, merkleRoot, verifyMerkleProof } from './merkle.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => sha256Hex(`leaf ${i}`));

describe('merkle', () => {
  it('hashes the empty tree to SHA-256 of the empty string (RFC 9162 §2.1.1)', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('verifies every inclusion proof for trees of 1..33 leaves', () => {
    for (let n = 1; n <= 33; n++) {
      const l = leaves(n);
      const root = merkleRoot(l);
      for (let i = 0; i < n; i++) expect(verifyMerkleProof(root, l[i]!, merkleProof(l, i))).toBe(true);
    }
  });

  it('rejects a proof for a different leaf, index or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.nat(), (n, k) => {
        const l = leaves(n);
        const i = k % n;
        const root = merkleRoot(l);
        const p = merkleProof(l, i);
        expect(verifyMerkleProof(root, sha256Hex('other'), p)).toBe(false);
        expect(verifyMerkleProof(root, l[i]!, { ...p, leafIndex: (i + 1) % n })).toBe(false);
        expect(verifyMerkleProof(merkleRoot(l.slice(0, n - 1)), l[i]!, p)).toBe(false);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('changes the root when any leaf changes, and accepts bytes and hex alike', () => {
    const l = leaves(5);
    const bytes = l.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
    expect(merkleRoot(bytes)).toBe(merkleRoot(l));
    expect(merkleRoot([...l.slice(0, 4), sha256Hex('x')])).not.toBe(merkleRoot(l));
  });
});
