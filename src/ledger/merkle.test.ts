import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Hex } from './hash.ts';
import { merkleProof, merkleRoot, verifyMerkleProof } from './merkle.ts';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => sha256Hex(`leaf ${i}`));

describe('merkle', () => {
  it('hashes the empty tree to SHA-256 of the empty string (RFC 9162 §2.1.1)', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the Certificate Transparency reference roots for the first 1..8 of its eight test leaves', () => {
    // Test data of the CT reference implementation's Merkle tree tests (RFC 6962 trees).
    const ct = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ];
    for (let n = 1; n <= 8; n++) expect(merkleRoot(ct.slice(0, n))).toBe(roots[n - 1]);
  });

  it('refuses a proof whose path holds a value that is not a 32-byte digest', () => {
    const l = leaves(4);
    const p = merkleProof(l, 1);
    expect(verifyMerkleProof(merkleRoot(l), l[1]!, { ...p, path: [`${p.path[0]!}ab`, ...p.path.slice(1)] })).toBe(false);
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
