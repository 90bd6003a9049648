/**
 * Merkle trees over arbitrary leaves, as specified for Certificate Transparency (RFC 9162 §2.1,
 * formerly RFC 6962 §2.1): leaves hashed with a 0x00 prefix and interior nodes with 0x01 (domain
 * separation, so an interior node can never pass for a leaf), and an unbalanced split at the largest
 * power of two below n instead of duplicating the last node (Bitcoin's duplication lets two
 * different leaf lists share a root, CVE-2012-2459).
 *
 * Leaves are byte strings or hex strings (a hex leaf is decoded to its bytes first), so the ledger
 * (transaction digests) and the IoMT layer (record digests) share one implementation.
 */
import { bytesToHex, hexToBytes, sha256 } from './hash.ts';
import { sha256Into } from './sha256-into.ts';

export type MerkleLeaf = Uint8Array | string;

/** An audit path (RFC 9162 §2.1.3): sibling hashes from the leaf up to the root. */
export interface MerkleProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  /** Hex digests, leaf level first. */
  readonly path: readonly string[];
}

const EMPTY_TREE_HEX = bytesToHex(sha256(new Uint8Array(0)));

function leafBytes(leaf: MerkleLeaf): Uint8Array {
  return typeof leaf === 'string' ? hexToBytes(leaf) : leaf;
}

// Hash inputs are assembled in reused scratch buffers and digests are 32-byte arrays, which V8
// keeps on its own heap: no off-heap buffer per hash (see sha256-into.ts for why that matters).
let leafInput = new Uint8Array(1 + 64);
const NODE_INPUT = new Uint8Array(1 + 32 + 32);

/** Hash of a leaf: SHA-256(0x00 ‖ leaf). */
export function merkleLeafHash(leaf: MerkleLeaf): Uint8Array {
  const b = leafBytes(leaf);
  if (leafInput.length < b.length + 1) leafInput = new Uint8Array(2 * (b.length + 1));
  leafInput[0] = 0x00;
  leafInput.set(b, 1);
  const out = new Uint8Array(32);
  sha256Into(leafInput, 0, b.length + 1, out, 0);
  return out;
}

/** Hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  NODE_INPUT[0] = 0x01;
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 33);
  const out = new Uint8Array(32);
  sha256Into(NODE_INPUT, 0, NODE_INPUT.length, out, 0);
  return out;
}

/** Largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over already-hashed leaves [lo, hi). */
function subtreeHash(leafHashes: readonly Uint8Array[], lo: number, hi: number): Uint8Array {
  const n = hi - lo;
  if (n === 1) return leafHashes[lo]!;
  const k = splitPoint(n);
  return nodeHash(subtreeHash(leafHashes, lo, lo + k), subtreeHash(leafHashes, lo + k, hi));
}

/** Merkle tree head over `leaves` as bytes; the empty tree hashes the empty string. */
export function merkleRootBytes(leaves: readonly MerkleLeaf[]): Uint8Array {
  if (leaves.length === 0) return hexToBytes(EMPTY_TREE_HEX);
  return subtreeHash(leaves.map(merkleLeafHash), 0, leaves.length);
}

/** Merkle tree head over `leaves`, as 64 hex digits. */
export function merkleRoot(leaves: readonly MerkleLeaf[]): string {
  return leaves.length === 0 ? EMPTY_TREE_HEX : bytesToHex(merkleRootBytes(leaves));
}

function auditPath(leafHashes: readonly Uint8Array[], m: number, lo: number, hi: number, out: string[]): void {
  const n = hi - lo;
  if (n <= 1) return;
  const k = splitPoint(n);
  // RFC 9162 §2.1.3.1: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) when m < k, else mirrored.
  if (m < k) {
    auditPath(leafHashes, m, lo, lo + k, out);
    out.push(bytesToHex(subtreeHash(leafHashes, lo + k, hi)));
  } else {
    auditPath(leafHashes, m - k, lo + k, hi, out);
    out.push(bytesToHex(subtreeHash(leafHashes, lo, lo + k)));
  }
}

/** Inclusion proof of leaf `leafIndex` in the tree over `leaves`. */
export function merkleProof(leaves: readonly MerkleLeaf[], leafIndex: number): MerkleProof {
  return merkleProofOfHashes(leaves.map(merkleLeafHash), leafIndex);
}

/** Inclusion proof of leaf `leafIndex` in the tree whose leaf hashes are `leafHashes` (a tree kept as written). */
export function merkleProofOfHashes(leafHashes: readonly Uint8Array[], leafIndex: number): MerkleProof {
  if (!(Number.isInteger(leafIndex) && leafIndex >= 0 && leafIndex < leafHashes.length)) {
    throw new RangeError(`merkleProof: leaf index must be in 0..${leafHashes.length - 1}, found ${leafIndex}`);
  }
  const path: string[] = [];
  auditPath(leafHashes, leafIndex, 0, leafHashes.length, path);
  return { leafIndex, treeSize: leafHashes.length, path };
}

/** Verifies an inclusion proof by the algorithm of RFC 9162 §2.1.3.2. */
export function verifyMerkleProof(rootHex: string, leaf: MerkleLeaf, proof: MerkleProof): boolean {
  const { leafIndex, treeSize, path } = proof;
  if (!(Number.isInteger(leafIndex) && Number.isInteger(treeSize) && leafIndex >= 0 && leafIndex < treeSize)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = merkleLeafHash(leaf);
  for (const hex of path) {
    if (sn === 0) return false;
    const p = hexToBytes(hex);
    if (p.length !== 32) return false;
    if ((fn & 1) === 1 || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1) === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesToHex(r) === rootHex;
}
