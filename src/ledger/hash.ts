/**
 * Real SHA-256 (FIPS 180-4) for the hashes that structure data: Merkle trees, block hashes,
 * transaction leaves. From @noble/hashes, so it runs identically on every platform.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, hexToBytes };

const encoder = new TextEncoder();

/** SHA-256 of raw bytes. */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256(data);
}

/** SHA-256 of a UTF-8 string, as 64 hex digits. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(encoder.encode(text)));
}

/** The 32 zero bytes, as hex: parent of the first block. */
export const ZERO_HASH = '0'.repeat(64);
