/**
 * SHA-256 (FIPS 180-4 §6.2) written into a caller's buffer, allocating nothing. The gateways hash
 * millions of 33- and 65-byte Merkle nodes per simulated hour; through node:crypto each hash
 * crosses into C++ and returns a fresh off-heap Buffer, and sweeping those buffers kept a second
 * core busy. Here a node costs one or two block compressions on module-level scratch arrays
 * (≈0.3 µs and ≈0.5 µs against ≈1.1 µs one-shot node:crypto on this machine). hash.ts stays the
 * general entry point; sha256-into.test.ts checks both agree on arbitrary input.
 */

/** Round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes (§4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Initial hash value: fractional parts of the square roots of the first 8 primes (§5.3.3). */
const H0 = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const W = new Int32Array(64);
const STATE = new Int32Array(8);
/** The padded tail: at most two blocks (§5.1.1). */
const TAIL = new Uint8Array(128);

/** One compression of the 64-byte block at `b[off]` into STATE (§6.2.2). */
function compress(b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    W[i] = (b[j]! << 24) | (b[j + 1]! << 16) | (b[j + 2]! << 8) | b[j + 3]!;
  }
  compressW();
}

/** One compression of the block whose 16 words are in W[0..15] into STATE. */
function compressW(): void {
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = STATE[0]!;
  let b1 = STATE[1]!;
  let c = STATE[2]!;
  let d = STATE[3]!;
  let e = STATE[4]!;
  let f = STATE[5]!;
  let g = STATE[6]!;
  let h = STATE[7]!;
  for (let i = 0; i < 64; i++) {
    const sigma1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + sigma1 + ch + K[i]! + W[i]!) | 0;
    const sigma0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b1) ^ (a & c) ^ (b1 & c);
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b1;
    b1 = a;
    a = (t1 + sigma0 + maj) | 0;
  }
  STATE[0] = (STATE[0]! + a) | 0;
  STATE[1] = (STATE[1]! + b1) | 0;
  STATE[2] = (STATE[2]! + c) | 0;
  STATE[3] = (STATE[3]! + d) | 0;
  STATE[4] = (STATE[4]! + e) | 0;
  STATE[5] = (STATE[5]! + f) | 0;
  STATE[6] = (STATE[6]! + g) | 0;
  STATE[7] = (STATE[7]! + h) | 0;
}

/**
 * SHA-256 of a message its caller has already padded (§5.1.1) into `blocks` blocks of 16
 * big-endian 32-bit words at `words[0..]`, written as 8 words at `out[outOff]`. For callers that
 * keep digests as words (packed-merkle.ts): no byte is copied, padded or reassembled.
 */
export function sha256PaddedWords(words: Int32Array, blocks: number, out: Int32Array, outOff: number): void {
  STATE.set(H0);
  for (let blk = 0; blk < blocks; blk++) {
    const off = blk * 16;
    for (let i = 0; i < 16; i++) W[i] = words[off + i]!;
    compressW();
  }
  for (let i = 0; i < 8; i++) out[outOff + i] = STATE[i]!;
}

/**
 * SHA-256 of `src[srcOff, srcOff + length)`, written as 32 bytes at `out[outOff]`. `out` may
 * overlap the input (the digest is written after the input is consumed).
 */
export function sha256Into(src: Uint8Array, srcOff: number, length: number, out: Uint8Array, outOff: number): void {
  STATE.set(H0);
  const fullBlocks = length >>> 6;
  for (let blk = 0; blk < fullBlocks; blk++) compress(src, srcOff + blk * 64);
  const rest = length - fullBlocks * 64;
  const tailBytes = rest + 9 <= 64 ? 64 : 128;
  // Plain loops: TypedArray fill and set are runtime calls, dearer than 128 byte stores here.
  const restOff = srcOff + fullBlocks * 64;
  for (let i = 0; i < rest; i++) TAIL[i] = src[restOff + i]!;
  for (let i = rest; i < tailBytes; i++) TAIL[i] = 0;
  TAIL[rest] = 0x80;
  // Message length in bits, big-endian in the last 8 bytes; lengths here stay below 2^53 bits.
  const bits = length * 8;
  const high = Math.floor(bits / 0x1_0000_0000);
  for (let i = 0; i < 4; i++) {
    TAIL[tailBytes - 1 - i] = (bits >>> (8 * i)) & 0xff;
    TAIL[tailBytes - 5 - i] = (high >>> (8 * i)) & 0xff;
  }
  compress(TAIL, 0);
  if (tailBytes === 128) compress(TAIL, 64);
  for (let i = 0; i < 8; i++) {
    const v = STATE[i]!;
    const o = outOff + i * 4;
    out[o] = v >>> 24;
    out[o + 1] = (v >>> 16) & 0xff;
    out[o + 2] = (v >>> 8) & 0xff;
    out[o + 3] = v & 0xff;
  }
}
