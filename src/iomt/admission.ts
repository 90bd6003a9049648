/**
 * The gateway's admission checks on each reading, in the order a real gateway can afford them:
 * registration (cheap lookup), signature, freshness, replay, then the per-device rate limit.
 * Rejections are counted by reason; the first failing check decides the reason. Each defence is
 * one method, so a test can switch exactly one off and watch the attack it stops get through
 * (src/runner/attacks/iomt/defences.test.ts).
 *
 * State per device lives in typed arrays indexed by the device's slot at this gateway, so a check
 * allocates nothing.
 */
import type { Verifier } from '../ledger/index.ts';
import { readingSignedBy, type ReadingMessage } from './reading.ts';

export const REJECT_REASONS = ['unregistered', 'bad-signature', 'stale', 'replay', 'rate-limited'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const ACCEPTED = -1;

/** What the gateway knows of the DeviceRegistry at the committed state of its organisation's node. */
export interface RegistryView {
  /** The key id (signer) registered for `device` with this gateway, or -1 if none or revoked. */
  registeredKey(device: number, gateway: number): number;
}

export interface AdmissionParams {
  /** Largest |gateway clock − reading timestamp| accepted, µs. */
  readonly freshnessUs: number;
  /** Token-bucket rate per device as a multiple of its nominal rate, and the bucket size. */
  readonly rateLimitFactor: number;
  readonly rateLimitBurst: number;
}

export class Admission {
  private readonly lastSeq: Float64Array;
  private readonly tokens: Float64Array;
  private readonly refillUs: Float64Array;
  /** Tokens per µs for each slot. */
  private readonly ratePerUs: Float64Array;
  readonly rejected = new Float64Array(REJECT_REASONS.length);
  accepted = 0;

  constructor(
    private readonly gateway: number,
    /** Nominal interval of each slot's device, µs. */
    nominalIntervalUs: readonly number[],
    private readonly p: AdmissionParams,
    private readonly registry: RegistryView,
    private readonly verifier: Verifier,
  ) {
    const n = nominalIntervalUs.length;
    this.lastSeq = new Float64Array(n).fill(-1);
    this.tokens = new Float64Array(n).fill(p.rateLimitBurst);
    this.refillUs = new Float64Array(n);
    this.ratePerUs = new Float64Array(n);
    for (let i = 0; i < n; i++) this.ratePerUs[i] = p.rateLimitFactor / nominalIntervalUs[i]!;
  }

  /** ACCEPTED, or the index of the reason in REJECT_REASONS. */
  check(slot: number, m: ReadingMessage, nowUs: number): number {
    const key = this.registeredKey(m);
    let r: number;
    if (key < 0) r = 0;
    else if (!this.signedWith(m, key)) r = 1;
    else if (!this.fresh(m, nowUs)) r = 2;
    else if (this.replayed(slot, m)) r = 3;
    else r = this.takeToken(slot, nowUs) ? ACCEPTED : 4;
    if (r === ACCEPTED) {
      this.lastSeq[slot] = m.seq;
      this.accepted++;
    } else {
      this.rejected[r]! += 1;
    }
    return r;
  }

  /**
   * Whether checking `m` verifies a signature: its device is registered at this gateway and it names
   * the registered key. A reading that fails either is refused on a lookup, before any verification
   * (the order of check: registration, then the signature), and costs no verification.
   */
  verifies(m: ReadingMessage): boolean {
    const key = this.registeredKey(m);
    return key >= 0 && m.keyId === key;
  }

  /** The key the DeviceRegistry holds for the reading's device at this gateway, or -1. */
  private registeredKey(m: ReadingMessage): number {
    return this.registry.registeredKey(m.device, this.gateway);
  }

  /** Whether the reading names the registered key and carries its signature over what arrived. */
  private signedWith(m: ReadingMessage, key: number): boolean {
    return m.keyId === key && readingSignedBy(this.verifier, m, key);
  }

  private fresh(m: ReadingMessage, nowUs: number): boolean {
    return Math.abs(nowUs - m.timestampUs) <= this.p.freshnessUs;
  }

  /** Whether the device already had a reading with this sequence number or a later one accepted. */
  private replayed(slot: number, m: ReadingMessage): boolean {
    return m.seq <= this.lastSeq[slot]!;
  }

  private takeToken(slot: number, nowUs: number): boolean {
    let t = this.tokens[slot]! + (nowUs - this.refillUs[slot]!) * this.ratePerUs[slot]!;
    if (t > this.p.rateLimitBurst) t = this.p.rateLimitBurst;
    this.refillUs[slot] = nowUs;
    if (t < 1) {
      this.tokens[slot] = t;
      return false;
    }
    this.tokens[slot] = t - 1;
    return true;
  }
}
