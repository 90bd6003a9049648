/**
 * Real SHA-256 (FIPS 180-4) for the hashes that structure data: Merkle trees, block hashes,
 * transaction leaves. Computed by node:crypto (OpenSSL): in a running simulation it is about three
 * times faster than the pure-JavaScript @noble/hashes, which the tests use as the reference
 * implementation (hash.test.ts checks that both agree). Hex helpers come from @noble/hashes.
 */
import { hash } from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, hexToBytes };

/** SHA-256 of raw bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  // One-shot `hash` (Node ≥ 20.12) skips the Hash object: about 1.8× faster than createHash on 33-byte inputs.
  return hash('sha256', data, 'buffer');
}

/** SHA-256 of a UTF-8 string, as 64 hex digits. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** The 32 zero bytes, as hex: parent of the first block. */
export const ZERO_HASH = '0'.repeat(64);
