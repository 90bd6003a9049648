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

export class Device implements Actor<unknown> {
  private seq = 0;
  private key: SigningKey;
  private readonly driftFactor: number;
  private readonly channel: number;
  /** Time of the first reading, µs (kept for closed-form tests). */
  readonly firstReadingUs: number;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly o: DeviceOptions,
  ) {
    this.key = o.key;
    this.channel = CHANNEL_INDEX[o.profile.channel];
    const ppm = o.clockDrift ? uniform(ctx.rng, -o.profile.clockDriftPpm, o.profile.clockDriftPpm) : 0;
    this.driftFactor = 1 + ppm * 1e-6;
    this.firstReadingUs = o.randomPhase ? Math.round(uniform(ctx.rng, 0, o.profile.intervalUs)) : o.profile.intervalUs;
  }

  onStart(): void {
    this.ctx.setTimer(this.firstReadingUs, TIMER_READING);
  }

  onTimer(): void {
    const ctx = this.ctx;
    const o = this.o;
    const p = o.profile;
    const trueUs = ctx.nowUs;
    const value = o.vitals.measure(this.channel, trueUs - p.processingLagUs, ctx.rng, o.noiseScale);
    const timestampUs = Math.round(trueUs * this.driftFactor);
    const seq = this.seq++;
    const sig = this.key.sign(o.verifier.digest(readingTerm(o.index, seq, timestampUs, value, p.payloadBytes)));
    ctx.cpu(o.crypto.signUs);
    const msg: ReadingMessage = { kind: 'reading', device: o.index, seq, timestampUs, value, payloadBytes: p.payloadBytes, keyId: this.key.signer, sig, trueUs };
    ctx.send(o.gateway, msg, READING_HEADER_BYTES + p.payloadBytes);
    ctx.setTimer(this.nextGapUs(), TIMER_READING);
  }

  onMessage(_from: HostId, msg: unknown): void {
    if ((msg as RekeyMessage).kind === 'rekey') this.key = (msg as RekeyMessage).key;
  }

  private nextGapUs(): number {
    const p = this.o.profile;
    if (p.eventDriven) return Math.max(1, Math.round(exponential(this.ctx.rng, p.intervalUs)));
    if (p.jitterUs === 0) return p.intervalUs;
    return Math.max(1, Math.round(p.intervalUs + uniform(this.ctx.rng, -p.jitterUs, p.jitterUs)));
  }
}
