/**
 * Seeded pseudo-random numbers with named, independent substreams.
 *
 * The generator is xoshiro128** (Blackman & Vigna, 2018): 128 bits of state, 32-bit integer
 * arithmetic only, which V8 runs without allocation. A substream's state is derived by hashing the
 * root seed together with the stream's full name, never from another stream's draws, so adding a
 * stream (a new device, a new node) leaves every other stream's sequence unchanged. That is what
 * lets sweeps compare configurations on common random numbers (ns-3 manual, "Random Variables").
 */
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** cyrb128-style string hash to four 32-bit words; only the mixing idea is shared, written anew. */
function hashToState(text: string): Uint32Array {
  let h1 = 0x6a09e667, h2 = 0xbb67ae85, h3 = 0x3c6ef372, h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const state = new Uint32Array([(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]);
  // xoshiro must never start from the all-zero state.
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return state;
}

export class Rng {
  /** The root seed every stream of this family derives from. */
  readonly seed: number;
  /** Full name of this stream ('' for the root). */
  readonly name: string;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, name = '') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`rng seed must be a safe integer, found ${seed}`);
    this.seed = seed;
    this.name = name;
    const state = hashToState(`iomtsim:${seed}:${name}`);
    this.s0 = state[0]!;
    this.s1 = state[1]!;
    this.s2 = state[2]!;
    this.s3 = state[3]!;
    // Discard a few outputs so nearby seeds decorrelate quickly.
    for (let i = 0; i < 8; i++) this.nextU32();
  }

  /** An independent stream named `name` under this one (e.g. `rng.stream('device:42')`). */
  stream(name: string): Rng {
    return new Rng(this.seed, this.name === '' ? name : `${this.name}/${name}`);
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = rotl(n3, 11);
    return r >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  float(): number {
    // Two nextU32 steps written out, so the state is read and written once per float.
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const hi = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 5; // 27 bits
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    const lo = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 6; // 26 bits
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = rotl(s3, 11);
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Uniform double in (0, 1): safe under logarithms. */
  floatOpen(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
