/**
 * The crypto cost model. Two modes, one interface:
 *
 * - `symbolic` (default): Dolev–Yao signatures (Dolev & Yao, IEEE Trans. Inf. Theory 1983). A
 *   digest is the canonical term of the signed content itself (perfect hashing: equal digests iff
 *   equal content); a signature binds a signer and a digest, and only the signer's `SigningKey`
 *   can mint one (an object brand no other code can set). Verification recomputes the
 *   digest from the message as received, so any tampering is really detected.
 * - `real`: SHA-256 digests and Ed25519 signatures (RFC 8032) through node:crypto, with keys
 *   derived from the run seed so runs stay reproducible.
 *
 * Either way the virtual CPU time is charged by the caller from a `CryptoCosts` table
 * (`ctx.cpu(costs.signUs)`), measured on the host by `iomtsim calibrate`.
 */
import { createPrivateKey, createPublicKey, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { definePortable } from '../../sim/index.ts';
import { blockHashOperations } from './block.ts';
import { sha256Hex } from './hash.ts';

export type CryptoMode = 'symbolic' | 'real';

/** CPU cost in virtual µs of each cryptographic operation. */
export interface CryptoCosts {
  readonly signUs: number;
  readonly verifyUs: number;
  /** Fixed cost of one hash plus a cost per KiB hashed. */
  readonly hashUs: number;
  readonly hashPerKiBUs: number;
  /** One MAC (HMAC-SHA-256 of a digest); PBFT's authenticators (Castro & Liskov 1999, §5). */
  readonly macUs?: number;
}

/**
 * Defaults measured for node:crypto on a 2020s server core: Ed25519 about 17,000 signatures and
 * 6,500 verifications per second; SHA-256 about 300,000 KiB-sized hashes per second; an HMAC of a
 * 32-byte digest about 1 µs. Replace with `iomtsim calibrate`.
 */
export const DEFAULT_CRYPTO_COSTS: CryptoCosts = Object.freeze({
  signUs: 1e6 / 17_000,
  verifyUs: 1e6 / 6_500,
  hashUs: 0.5,
  hashPerKiBUs: 1e6 / 300_000 - 0.5,
  macUs: 1,
});

/** Bytes of an Ed25519 signature on the wire (RFC 8032, §5.1.6). */
export const SIGNATURE_BYTES = 64;
/** Bytes of one MAC on the wire: 8, as the BFT library's authenticator entries (Castro & Liskov 1999, §5). */
export const MAC_BYTES = 8;

/** No processing time at all: for closed-form checks on an ideal network. */
export const ZERO_CRYPTO_COSTS: CryptoCosts = Object.freeze({ signUs: 0, verifyUs: 0, hashUs: 0, hashPerKiBUs: 0, macUs: 0 });

/** Modelled time to hash `bytes` bytes. */
export function hashCostUs(costs: CryptoCosts, bytes: number): number {
  return costs.hashUs + (costs.hashPerKiBUs * bytes) / 1024;
}

/**
 * Modelled time to hash a block, as building or checking it takes in every protocol: the header and
 * its transactions' Merkle tree (blockHashOperations: n leaves and n − 1 inner nodes), each a
 * SHA-256 invocation, plus the block's bytes at the per-KiB rate.
 */
export function blockHashCostUs(costs: CryptoCosts, txCount: number, sizeBytes: number): number {
  return blockHashOperations(txCount) * costs.hashUs + (costs.hashPerKiBUs * sizeBytes) / 1024;
}

/** Bytes hashed for an interior Merkle node: the 0x01 prefix and its two 32-byte children (RFC 9162 §2.1.1). */
const MERKLE_NODE_INPUT_BYTES = 1 + 32 + 32;

/**
 * Modelled time to build the RFC 9162 Merkle tree over `leafCount` leaves of `leafBytes` bytes each
 * (§2.1.1): a hash of each leaf behind its 0x00 prefix, and n − 1 interior hashes.
 */
export function merkleTreeCostUs(costs: CryptoCosts, leafCount: number, leafBytes: number): number {
  return leafCount * hashCostUs(costs, leafBytes + 1) + (leafCount - 1) * hashCostUs(costs, MERKLE_NODE_INPUT_BYTES);
}

/**
 * Modelled time to check an inclusion proof of `pathLength` sibling hashes (RFC 9162 §2.1.3.2): the
 * leaf's hash, then one interior hash per sibling, ⌈log2 n⌉ of them in a tree of n leaves.
 */
export function merkleProofCostUs(costs: CryptoCosts, pathLength: number, leafBytes: number): number {
  return hashCostUs(costs, leafBytes + 1) + pathLength * hashCostUs(costs, MERKLE_NODE_INPUT_BYTES);
}

/** Modelled time of one MAC; without a measured value, two small hashes (HMAC's inner and outer). */
export function macCostUs(costs: CryptoCosts): number {
  return costs.macUs ?? 2 * costs.hashUs;
}

export interface Signature {
  readonly signer: number;
  readonly digest: string;
  /** Ed25519 signature bytes in real mode; absent in symbolic mode. */
  readonly bytes?: Uint8Array;
  /**
   * Symbolic mode in a run split over threads: a checksum of (signer, digest) keyed by a secret of
   * the ring, so that a copy that crossed to another thread, which carries no brand, can still be
   * told from a forgery there.
   */
  readonly tag?: number;
}

/** Never exported: without it no code outside this module can construct a SymbolicSignature. */
const MINT_TOKEN = Symbol('mint');

/**
 * A symbolic signature. Its private field can only be set by this constructor, which only a
 * SigningKey of the ring can call, so a `#ring in x` brand check tells minted from forged objects.
 */
class SymbolicSignature implements Signature {
  readonly #ring: KeyRing;
  readonly tag?: number;
  constructor(token: symbol, ring: KeyRing, readonly signer: number, readonly digest: string, tag: number | undefined) {
    if (token !== MINT_TOKEN) throw new Error('signatures are made by SigningKey.sign only');
    this.#ring = ring;
    if (tag !== undefined) this.tag = tag;
    Object.freeze(this);
  }

  static mintedBy(x: Signature, ring: KeyRing): boolean {
    return #ring in x && (x as SymbolicSignature).#ring === ring;
  }
}

// Crossing threads, a symbolic signature loses its brand; its tag lets the other side's ring check it.
definePortable(
  'symbolic-signature',
  SymbolicSignature,
  (x) => (x.tag === undefined ? { signer: x.signer, digest: x.digest } : { signer: x.signer, digest: x.digest, tag: x.tag }),
  (d) => Object.freeze(d as Signature) as SymbolicSignature,
);

/** What every actor may use: digests and signature checks, never signing. */
export interface Verifier {
  readonly mode: CryptoMode;
  /** Digest of a canonical content term (symbolic: the term; real: its SHA-256). */
  digest(term: string): string;
  /** True iff `sig` was made by `signer`'s key over exactly `digest`. */
  verify(sig: Signature | undefined, signer: number, digest: string): boolean;
  /**
   * Verify the signature `sig` of `signer` over `term(message)`, where `message` is a frozen message
   * object that every receiver gets the same copy of. In symbolic mode a positive verdict is
   * remembered per object, so n − 1 receivers cost one recomputation of wall time; a changed
   * message is a different object (frozen objects cannot change) and is always recomputed.
   */
  verifyMessage<T extends object>(message: T, sig: Signature | undefined, signer: number, term: (m: T) => string): boolean;
}

/** A signer's private key: the only way to make its signatures. Hand it to that signer alone. */
export interface SigningKey {
  readonly signer: number;
  sign(digest: string): Signature;
}

// RFC 8410 PKCS#8 wrapping of a 32-byte Ed25519 private key seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Issues one signing key per signer and verifies their signatures. The run model owns the ring
 * and gives each actor its own key and the ring as a `Verifier`.
 */
export class KeyRing implements Verifier {
  readonly mode: CryptoMode;
  private readonly seed: number;
  private readonly issued = new Set<number>();
  private readonly publicKeys = new Map<number, KeyObject>();
  private readonly verifiedMessages = new WeakSet<object>();
  /** Key of symbolic signatures' tags where the run is split over threads; null otherwise. */
  readonly #tagKey: number | null;

  /**
   * `portable`: the run is split over partitions (sim/partition.ts), whose rings are built from the
   * same seed, so symbolic signatures carry a tag keyed by the seed that every partition's ring
   * checks; one engine's run needs no tags, and computing none keeps its signing O(1).
   */
  constructor(mode: CryptoMode, seed: number, options: { readonly portable?: boolean } = {}) {
    this.mode = mode;
    this.seed = seed;
    this.#tagKey = options.portable === true ? Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ 0x27d4eb2f : null;
  }

  /** A keyed 32-bit checksum of (signer, digest) (FNV-1a steps with a multiply per character). */
  #tagOf(signer: number, digest: string): number {
    let h = Math.imul(this.#tagKey! ^ signer, 0x01000193);
    for (let i = 0; i < digest.length; i++) h = Math.imul(h ^ digest.charCodeAt(i), 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
  }

  digest(term: string): string {
    return this.mode === 'symbolic' ? term : sha256Hex(term);
  }

  /** The key of `signer`; issued once, so code holding the ring cannot take another's key later. */
  issue(signer: number): SigningKey {
    if (this.issued.has(signer)) throw new Error(`signing key of ${signer} was already issued`);
    this.issued.add(signer);
    if (this.mode === 'symbolic') {
      const ring = this;
      return {
        signer,
        sign: (digest: string): Signature => new SymbolicSignature(MINT_TOKEN, ring, signer, digest, ring.#tagKey === null ? undefined : ring.#tagOf(signer, digest)),
      };
    }
    const seedBytes = Buffer.from(sha256Hex(`iomtsim-ed25519:${this.seed}:${signer}`), 'hex');
    const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seedBytes]), format: 'der', type: 'pkcs8' });
    this.publicKeys.set(signer, createPublicKey(privateKey));
    return {
      signer,
      sign: (digest: string): Signature =>
        Object.freeze({ signer, digest, bytes: new Uint8Array(edSign(null, Buffer.from(digest, 'utf8'), privateKey)) }),
    };
  }

  verifyMessage<T extends object>(message: T, sig: Signature | undefined, signer: number, term: (m: T) => string): boolean {
    if (this.mode !== 'symbolic') return this.verify(sig, signer, this.digest(term(message)));
    if (this.verifiedMessages.has(message) && sig !== undefined && sig.signer === signer) return true;
    const ok = this.verify(sig, signer, term(message));
    if (ok && Object.isFrozen(message)) this.verifiedMessages.add(message);
    return ok;
  }

  verify(sig: Signature | undefined, signer: number, digest: string): boolean {
    if (sig === undefined || sig.signer !== signer || sig.digest !== digest) return false;
    if (this.mode === 'symbolic') {
      if (SymbolicSignature.mintedBy(sig, this)) return true;
      // Another partition's ring minted it, or it is a copy that crossed threads.
      return this.#tagKey !== null && sig.tag === this.#tagOf(signer, digest);
    }
    const pub = this.publicKeys.get(signer);
    return pub !== undefined && sig.bytes !== undefined && edVerify(null, Buffer.from(digest, 'utf8'), pub, sig.bytes);
  }
}

/**
 * Charges modelled CPU time in whole microseconds (virtual time is integer µs) while carrying the
 * fraction forward, so many sub-µs costs (a 1 µs MAC, a 0.5 µs hash) add up exactly over a run.
 */
export class CpuCharger {
  private carryUs = 0;

  constructor(private readonly ctx: { cpu(costUs: number): void }) {}

  charge(costUs: number): void {
    const total = this.carryUs + costUs;
    const whole = Math.floor(total);
    this.carryUs = total - whole;
    if (whole > 0) this.ctx.cpu(whole);
  }
}
