/**
 * Vital signs of one patient: a baseline per channel, a slow physiological oscillation, device
 * measurement noise, and scheduled clinical episodes (desaturation, tachycardia) that give the
 * alert rules real signals to detect. The episode schedule is the ground truth alerts are scored
 * against.
 *
 * Deterministic by construction: the patient's baselines and episodes come from the patient's own
 * stream at creation; the underlying physiology is a pure function of time, and only measurement
 * noise is drawn, from the measuring device's stream. So adding a device changes no other draw.
 */
import { exponential, normal, uniform, type Rng } from '../../sim/index.ts';

/**
 * The vital signs a device can measure, each with its unit, the range its per-patient baseline is
 * drawn from, its measurement noise sd, and the amplitude of its slow swing (adult inpatient ranges).
 */
export const CHANNEL_DEFINITIONS = [
  { channel: 'hr', unit: 'bpm', lo: 62, hi: 95, noiseSd: 2, swing: 4 },
  { channel: 'spo2', unit: '%', lo: 95, hi: 99, noiseSd: 0.6, swing: 0.5 },
  { channel: 'glucose', unit: 'mg/dL', lo: 90, hi: 160, noiseSd: 4, swing: 15 },
  { channel: 'sbp', unit: 'systolic mmHg', lo: 105, hi: 145, noiseSd: 5, swing: 8 },
  { channel: 'infusionRate', unit: 'mL/h', lo: 20, hi: 120, noiseSd: 0, swing: 0 },
] as const;
export type Channel = (typeof CHANNEL_DEFINITIONS)[number]['channel'];
export const CHANNELS = CHANNEL_DEFINITIONS.map((c) => c.channel) as readonly Channel[] as readonly [Channel, ...Channel[]];
export const CHANNEL_INDEX = Object.fromEntries(CHANNELS.map((c, i) => [c, i])) as Readonly<Record<Channel, number>>;
const CHANNEL_COUNT = CHANNEL_DEFINITIONS.length;

export const EPISODE_KINDS = ['desaturation', 'tachycardia'] as const;
export type EpisodeKind = (typeof EPISODE_KINDS)[number];

export interface Episode {
  readonly patient: number;
  readonly kind: EpisodeKind;
  readonly startUs: number;
  readonly endUs: number;
  /** Value the affected channel takes during the episode. */
  readonly level: number;
}

export interface EpisodeConfig {
  /** Poisson rate per patient per hour of each episode kind. */
  readonly ratePerHour: Readonly<Record<EpisodeKind, number>>;
  readonly durationMinUs: number;
  readonly durationMaxUs: number;
  /** No episode starts before this time (detectors and baselines warm up). */
  readonly notBeforeUs: number;
}

const EPISODE_CHANNEL: Record<EpisodeKind, number> = { desaturation: CHANNEL_INDEX.spo2, tachycardia: CHANNEL_INDEX.hr };

const SWING_PERIOD_US = 3_600_000_000 * 1.5;

export class PatientVitals {
  private readonly baseline = new Float64Array(CHANNEL_COUNT);
  private readonly phase = new Float64Array(CHANNEL_COUNT);
  /** Episodes sorted by start; at most one active per channel by construction. */
  readonly episodes: Episode[] = [];
  private readonly byChannel: Episode[][] = CHANNEL_DEFINITIONS.map(() => []);

  constructor(
    readonly patient: number,
    rng: Rng,
    episodes: EpisodeConfig,
    horizonUs: number,
  ) {
    for (let c = 0; c < CHANNEL_COUNT; c++) {
      const b = CHANNEL_DEFINITIONS[c]!;
      this.baseline[c] = uniform(rng, b.lo, b.hi);
      this.phase[c] = uniform(rng, 0, 2 * Math.PI);
    }
    for (const kind of ['desaturation', 'tachycardia'] as const) {
      const rate = episodes.ratePerHour[kind];
      if (!(rate > 0)) continue;
      const meanGapUs = 3_600_000_000 / rate;
      let t = episodes.notBeforeUs + exponential(rng, meanGapUs);
      while (t < horizonUs) {
        const startUs = Math.round(t);
        const endUs = startUs + Math.round(uniform(rng, episodes.durationMinUs, episodes.durationMaxUs));
        const level = kind === 'desaturation' ? uniform(rng, 82, 87) : uniform(rng, 135, 160);
        const e: Episode = { patient, kind, startUs, endUs, level };
        this.episodes.push(e);
        this.byChannel[EPISODE_CHANNEL[kind]]!.push(e);
        t = endUs + exponential(rng, meanGapUs);
      }
    }
    this.episodes.sort((a, b) => a.startUs - b.startUs);
  }

  /** The physiological value of `channel` at `timeUs`, without measurement noise. */
  trueValue(channel: number, timeUs: number): number {
    const eps = this.byChannel[channel]!;
    for (let i = 0; i < eps.length; i++) {
      const e = eps[i]!;
      if (timeUs >= e.startUs && timeUs < e.endUs) return e.level;
    }
    const b = CHANNEL_DEFINITIONS[channel]!;
    return this.baseline[channel]! + b.swing * Math.sin((2 * Math.PI * timeUs) / SWING_PERIOD_US + this.phase[channel]!);
  }

  /** A measurement by a device: the true value plus noise from the device's own stream. */
  measure(channel: Channel | number, timeUs: number, rng: Rng, noiseScale: number): number {
    const c = typeof channel === 'number' ? channel : CHANNEL_INDEX[channel];
    const sd = CHANNEL_DEFINITIONS[c]!.noiseSd * noiseScale;
    const v = this.trueValue(c, timeUs);
    const x = sd > 0 ? normal(rng, v, sd) : v;
    // Report at the device's resolution (0.1 unit), as monitors do.
    return Math.round(x * 10) / 10;
  }
}
