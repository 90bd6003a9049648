/**
 * Real SHA-256 (FIPS 180-4) for the hashes that structure data: Merkle trees, block hashes,
 * transaction leaves. Computed by node:crypto (OpenSSL): in a running simulation it is about three
 * times faster than the pure-JavaScript @noble/hashes, which the tests use as the reference
 * implementation (hash.test.ts checks that both agree). Hex parsing comes from @noble/hashes.
 */
import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';

export { hexToBytes };

/**
 * Lowercase hex of `bytes`, as one flat string. @noble/hashes' bytesToHex appends a digit pair at a
 * time, which V8 keeps as a rope of 32 concatenations (about 1.5 kB per 32-byte digest instead of
 * 80 B) for as long as nothing reads the string's characters; block hashes and Merkle roots live as
 * long as the blocks that carry them, and the checkers keep some for the whole window.
 */
export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

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
