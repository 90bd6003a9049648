/**
 * The RFC 9162 §2.1.1 Merkle tree head over fixed-size leaves packed end to end in one buffer:
 * the gateways' reading batches. Same tree as merkle.ts (leaf 0x00, interior 0x01, the odd node
 * carried up unpaired, which is the largest-power-of-two split read bottom up), computed level by
 * level in place on a reused scratch buffer with sha256Into, so a batch of n readings costs 2n − 1
 * hashes and no allocation besides the hex result.
 */
import { bytesToHex } from './hash.ts';
import { merkleRoot } from './merkle.ts';
import { sha256Into } from './sha256-into.ts';

const DIGEST_BYTES = 32;
/** 0x01 ‖ left ‖ right. */
const NODE_INPUT = new Uint8Array(1 + 2 * DIGEST_BYTES);
let leafInput = new Uint8Array(1 + 64);
let levelHashes = new Uint8Array(DIGEST_BYTES * 256);

/** Root over `count` leaves of `leafBytes` bytes each at the start of `data`, as 64 hex digits. */
export function packedMerkleRoot(data: Uint8Array, leafBytes: number, count: number): string {
  if (count === 0) return merkleRoot([]);
  if (data.length < leafBytes * count) throw new RangeError(`packedMerkleRoot: ${count} leaves of ${leafBytes} B need ${leafBytes * count} B, found ${data.length}`);
  if (leafInput.length < leafBytes + 1) leafInput = new Uint8Array(leafBytes + 1);
  if (levelHashes.length < DIGEST_BYTES * count) levelHashes = new Uint8Array(DIGEST_BYTES * Math.max(count, 2 * (levelHashes.length / DIGEST_BYTES)));
  const level = levelHashes;
  const leaf = leafInput;
  leaf[0] = 0x00;
  for (let i = 0; i < count; i++) {
    const off = i * leafBytes;
    for (let j = 0; j < leafBytes; j++) leaf[1 + j] = data[off + j]!;
    sha256Into(leaf, 0, leafBytes + 1, level, i * DIGEST_BYTES);
  }
  NODE_INPUT[0] = 0x01;
  for (let m = count; m > 1; m = (m + 1) >>> 1) {
    const pairs = m >>> 1;
    for (let p = 0; p < pairs; p++) {
      const from = 2 * p * DIGEST_BYTES;
      for (let j = 0; j < 2 * DIGEST_BYTES; j++) NODE_INPUT[1 + j] = level[from + j]!;
      sha256Into(NODE_INPUT, 0, NODE_INPUT.length, level, p * DIGEST_BYTES);
    }
    if ((m & 1) === 1) level.copyWithin(pairs * DIGEST_BYTES, (m - 1) * DIGEST_BYTES, m * DIGEST_BYTES);
  }
  return bytesToHex(level.subarray(0, DIGEST_BYTES));
}
