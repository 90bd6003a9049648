/**
 * A virtual medical device: on each timer it samples its patient's vital sign, signs the reading
 * with its registered key and sends it over the radio hop to its ward's gateway. Devices are the
 * most numerous actors, so a reading costs one timer, one message and one small object.
 */
import { uniform, exponential, type Actor, type ActorContext, type HostId } from '../../sim/index.ts';
import type { CryptoCosts, SigningKey, Verifier } from '../ledger/index.ts';
import type { DeviceProfile } from './profiles.ts';
import { CHANNEL_INDEX } from './profiles.ts';
import { READING_HEADER_BYTES, readingTerm, type ReadingMessage } from './reading.ts';
import type { PatientVitals } from './vitals.ts';

/** Sent by the hospital's administration to a device after its key rotation commits. */
export interface RekeyMessage {
  readonly kind: 'rekey';
  readonly key: SigningKey;
}

export interface DeviceOptions {
  readonly index: number;
  readonly gateway: HostId;
  readonly profile: DeviceProfile;
  readonly vitals: PatientVitals;
  readonly key: SigningKey;
  readonly verifier: Verifier;
  readonly crypto: CryptoCosts;
  /** Multiplies the channel's measurement noise (0: noiseless, for closed-form tests). */
  readonly noiseScale: number;
  /** Draw a random clock drift within the profile's bound (false: a perfect clock). */
  readonly clockDrift: boolean;
  /** Start at a random phase within the first interval (false: first reading at one interval). */
  readonly randomPhase: boolean;
}

const TIMER_READING = 0;

/**
 * What a reading reads is copied into the device's own fields: tens of thousands of devices fire in
 * no particular order, so each object a reading touches is likely a cache miss, and following the
 * options and the profile to reach a number would add two.
 */
export class Device implements Actor<unknown> {
  private seq = 0;
  private key: SigningKey;
  private readonly driftFactor: number;
  private readonly channel: number;
  private readonly index: number;
  private readonly gateway: HostId;
  private readonly vitals: PatientVitals;
  private readonly verifier: Verifier;
  private readonly signUs: number;
  private readonly noiseScale: number;
  private readonly intervalUs: number;
  private readonly jitterUs: number;
  private readonly eventDriven: boolean;
  private readonly payloadBytes: number;
  private readonly processingLagUs: number;
  /** Time of the first reading, µs (kept for closed-form tests). */
  readonly firstReadingUs: number;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    o: DeviceOptions,
  ) {
    const p = o.profile;
    this.key = o.key;
    this.channel = CHANNEL_INDEX[p.channel];
    this.index = o.index;
    this.gateway = o.gateway;
    this.vitals = o.vitals;
    this.verifier = o.verifier;
    this.signUs = o.crypto.signUs;
    this.noiseScale = o.noiseScale;
    this.intervalUs = p.intervalUs;
    this.jitterUs = p.jitterUs;
    this.eventDriven = p.eventDriven;
    this.payloadBytes = p.payloadBytes;
    this.processingLagUs = p.processingLagUs;
    const ppm = o.clockDrift ? uniform(ctx.rng, -o.profile.clockDriftPpm, o.profile.clockDriftPpm) : 0;
    this.driftFactor = 1 + ppm * 1e-6;
    this.firstReadingUs = o.randomPhase ? this.firstGapUs() : o.profile.intervalUs;
  }

  onStart(): void {
    this.ctx.setTimer(this.firstReadingUs, TIMER_READING);
  }

  onTimer(): void {
    const ctx = this.ctx;
    const trueUs = ctx.nowUs;
    const value = this.vitals.measure(this.channel, trueUs - this.processingLagUs, ctx.rng, this.noiseScale);
    const timestampUs = Math.round(trueUs * this.driftFactor);
    const seq = this.seq++;
    const payloadBytes = this.payloadBytes;
    const sig = this.key.sign(this.verifier.digest(readingTerm(this.index, seq, timestampUs, value, payloadBytes)));
    ctx.cpu(this.signUs);
    const msg: ReadingMessage = { kind: 'reading', device: this.index, seq, timestampUs, value, payloadBytes, keyId: this.key.signer, sig, trueUs };
    ctx.send(this.gateway, msg, READING_HEADER_BYTES + payloadBytes);
    ctx.setTimer(this.nextGapUs(), TIMER_READING);
  }

  onMessage(_from: HostId, msg: unknown): void {
    if ((msg as RekeyMessage).kind === 'rekey') this.key = (msg as RekeyMessage).key;
  }

  /**
   * The first reading of a run that starts at a random phase: a periodic device's falls uniformly in
   * its first period; an event-driven one's readings are a Poisson process from the start, so its
   * first gap is exponential like every other (a uniform phase gave a mean of half the interval,
   * one reading too many per device in a run: +25 % over 20 minutes at 10-minute intervals).
   */
  private firstGapUs(): number {
    if (this.eventDriven) return Math.max(1, Math.round(exponential(this.ctx.rng, this.intervalUs)));
    return Math.round(uniform(this.ctx.rng, 0, this.intervalUs));
  }

  private nextGapUs(): number {
    if (this.eventDriven) return Math.max(1, Math.round(exponential(this.ctx.rng, this.intervalUs)));
    if (this.jitterUs === 0) return this.intervalUs;
    return Math.max(1, Math.round(this.intervalUs + uniform(this.ctx.rng, -this.jitterUs, this.jitterUs)));
  }
}
