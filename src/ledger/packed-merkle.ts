/**
 * The RFC 9162 §2.1.1 Merkle tree head over fixed-size leaves packed end to end in one buffer:
 * the gateways' reading batches. Same tree as merkle.ts (leaf 0x00, interior 0x01, the odd node
 * carried up unpaired, which is the largest-power-of-two split read bottom up), computed level by
 * level in place on a reused scratch buffer, so a batch of n readings costs 2n − 1 hashes and no
 * allocation besides the hex result.
 *
 * Digests stay as SHA-256's own 32-bit words from one hash to the next, and each message is laid
 * out as padded words (FIPS 180-4 §5.1.1) directly: an interior node's input is its children's
 * words shifted by the one-byte prefix, with no byte copied, padded or reassembled. That is about
 * half of what hashing a batch cost through the byte interface, at three compressions a reading.
 */
import { merkleRoot } from './merkle.ts';
import { sha256PaddedWords } from './sha256-into.ts';

const DIGEST_WORDS = 8;
/** A 65-byte interior input (0x01 ‖ left ‖ right) padded: two blocks, the second a constant but for its first byte. */
const NODE_WORDS = new Int32Array(32);
NODE_WORDS[31] = 65 * 8;
let leafWords = new Int32Array(16);
let levelWords = new Int32Array(DIGEST_WORDS * 256);

/**
 * Roots already computed, by the buffer they were computed over, with a copy of the leaves they
 * cover. A batch's root is computed twice over the same buffer: by the gateway that seals it and
 * by the store that checks the stated root against its records (src/iomt/store.ts), about a fifth
 * of regional.yaml's run between them. A root is a function of the bytes, so a buffer whose leaves
 * still equal the copy has the root computed before; one changed since (a tampered batch) or a
 * copy of it (a batch that crossed threads) is hashed again. A root is kept until it is found once,
 * the store's check being the last computation expected. Either way the caller charges the
 * hashing in virtual time: this saves wall time only.
 */
const computed = new WeakMap<Uint8Array, { readonly leafBytes: number; readonly count: number; readonly leaves: Uint8Array; readonly root: string }>();

/** Root over `count` leaves of `leafBytes` bytes each at the start of `data`, as 64 hex digits. */
export function packedMerkleRoot(data: Uint8Array, leafBytes: number, count: number): string {
  if (count === 0) return merkleRoot([]);
  if (data.length < leafBytes * count) throw new RangeError(`packedMerkleRoot: ${count} leaves of ${leafBytes} B need ${leafBytes * count} B, found ${data.length}`);
  const known = computed.get(data);
  const bytes = leafBytes * count;
  if (known !== undefined && known.leafBytes === leafBytes && known.count === count && Buffer.compare(known.leaves, data.subarray(0, bytes)) === 0) {
    // The second computation is the last one expected: the copy need not outlive it.
    computed.delete(data);
    return known.root;
  }
  const root = hashPacked(data, leafBytes, count);
  computed.set(data, { leafBytes, count, leaves: data.slice(0, bytes), root });
  return root;
}

function hashPacked(data: Uint8Array, leafBytes: number, count: number): string {
  const messageBytes = leafBytes + 1;
  const leafBlocks = (messageBytes + 9 + 63) >>> 6;
  const words = leafBlocks * 16;
  if (leafWords.length < words) leafWords = new Int32Array(words);
  if (levelWords.length < DIGEST_WORDS * count) levelWords = new Int32Array(DIGEST_WORDS * Math.max(count, 2 * (levelWords.length / DIGEST_WORDS)));
  const level = levelWords;
  const msg = leafWords;
  for (let i = 0; i < count; i++) {
    // Message byte k sits in word k >> 2; byte 0 is the 0x00 prefix, already in w.
    const off = i * leafBytes;
    let w = 0;
    let k = 1;
    for (let j = 0; j < leafBytes; j++, k++) {
      w = (w << 8) | data[off + j]!;
      if ((k & 3) === 3) {
        msg[k >>> 2] = w;
        w = 0;
      }
    }
    // Byte k = messageBytes is the padding's 0x80; zeros follow, then the length in bits (below 2^32 here).
    msg[k >>> 2] = ((w << 8) | 0x80) << (8 * (3 - (k & 3)));
    for (let z = (k >>> 2) + 1; z < words - 1; z++) msg[z] = 0;
    msg[words - 1] = messageBytes * 8;
    sha256PaddedWords(msg, leafBlocks, level, i * DIGEST_WORDS);
  }
  const node = NODE_WORDS;
  for (let m = count; m > 1; m = (m + 1) >>> 1) {
    const pairs = m >>> 1;
    for (let p = 0; p < pairs; p++) {
      const l = 2 * p * DIGEST_WORDS;
      const r = l + DIGEST_WORDS;
      // 0x01 ‖ left ‖ right, one byte off the word grid.
      node[0] = 0x01000000 | (level[l]! >>> 8);
      for (let j = 1; j < DIGEST_WORDS; j++) node[j] = (level[l + j - 1]! << 24) | (level[l + j]! >>> 8);
      node[8] = (level[l + 7]! << 24) | (level[r]! >>> 8);
      for (let j = 1; j < DIGEST_WORDS; j++) node[8 + j] = (level[r + j - 1]! << 24) | (level[r + j]! >>> 8);
      node[16] = (level[r + 7]! << 24) | 0x00800000;
      sha256PaddedWords(node, 2, level, p * DIGEST_WORDS);
    }
    if ((m & 1) === 1) level.copyWithin(pairs * DIGEST_WORDS, (m - 1) * DIGEST_WORDS, m * DIGEST_WORDS);
  }
  let hex = '';
  for (let i = 0; i < DIGEST_WORDS; i++) hex += (level[i]! >>> 0).toString(16).padStart(8, '0');
  return hex;
}
