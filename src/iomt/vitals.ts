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

/** The channel each episode kind moves: the one definition of which rules an episode is scored against. */
export const EPISODE_CHANNEL: Readonly<Record<EpisodeKind, Channel>> = { desaturation: 'spo2', tachycardia: 'hr' };

const EPISODE_KIND_OF_CHANNEL: ReadonlyMap<Channel, EpisodeKind> = new Map(EPISODE_KINDS.map((kind) => [EPISODE_CHANNEL[kind], kind]));

/**
 * The episode kind a rule on `channel` is scored against; undefined where the model draws no
 * episodes on the channel (glucose, blood pressure, infusion rate), so that every alert of such a
 * rule is a false one.
 */
export function episodeKindOf(channel: Channel): EpisodeKind | undefined {
  return EPISODE_KIND_OF_CHANNEL.get(channel);
}

const SWING_PERIOD_US = 3_600_000_000 * 1.5;

// A patient's packed state (one Float64Array, read by every reading of every device on the bed,
// so a reading touches one object besides the patient's): each channel's baseline, then its phase,
// then where each channel's episodes start, then the episodes themselves, grouped by channel in
// start order, each as (startUs, endUs, level).
const PHASE_AT = CHANNEL_COUNT;
const EPISODES_OF_CHANNEL_AT = 2 * CHANNEL_COUNT;
const EPISODES_AT = EPISODES_OF_CHANNEL_AT + CHANNEL_COUNT + 1;
const EPISODE_FIELDS = 3;

export class PatientVitals {
  /** Episodes sorted by start; at most one active per channel by construction. */
  readonly episodes: Episode[] = [];
  /** Baselines, phases and episodes, packed (see EPISODES_AT). */
  private readonly state: Float64Array;

  constructor(
    readonly patient: number,
    rng: Rng,
    episodes: EpisodeConfig,
    horizonUs: number,
  ) {
    const baseline = new Float64Array(CHANNEL_COUNT);
    const phase = new Float64Array(CHANNEL_COUNT);
    for (let c = 0; c < CHANNEL_COUNT; c++) {
      const b = CHANNEL_DEFINITIONS[c]!;
      baseline[c] = uniform(rng, b.lo, b.hi);
      phase[c] = uniform(rng, 0, 2 * Math.PI);
    }
    const byChannel: Episode[][] = CHANNEL_DEFINITIONS.map(() => []);
    for (const kind of EPISODE_KINDS) {
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
        byChannel[CHANNEL_INDEX[EPISODE_CHANNEL[kind]]]!.push(e);
        t = endUs + exponential(rng, meanGapUs);
      }
    }
    this.episodes.sort((a, b) => a.startUs - b.startUs);
    const state = new Float64Array(EPISODES_AT + EPISODE_FIELDS * this.episodes.length);
    state.set(baseline, 0);
    state.set(phase, PHASE_AT);
    let at = EPISODES_AT;
    for (let c = 0; c < CHANNEL_COUNT; c++) {
      state[EPISODES_OF_CHANNEL_AT + c] = at;
      for (const e of byChannel[c]!) {
        state[at++] = e.startUs;
        state[at++] = e.endUs;
        state[at++] = e.level;
      }
    }
    state[EPISODES_OF_CHANNEL_AT + CHANNEL_COUNT] = at;
    this.state = state;
  }

  /** The physiological value of `channel` at `timeUs`, without measurement noise. */
  trueValue(channel: number, timeUs: number): number {
    const s = this.state;
    const end = s[EPISODES_OF_CHANNEL_AT + channel + 1]!;
    for (let k = s[EPISODES_OF_CHANNEL_AT + channel]!; k < end; k += EPISODE_FIELDS) {
      if (timeUs >= s[k]! && timeUs < s[k + 1]!) return s[k + 2]!;
    }
    const b = CHANNEL_DEFINITIONS[channel]!;
    return s[channel]! + b.swing * Math.sin((2 * Math.PI * timeUs) / SWING_PERIOD_US + s[PHASE_AT + channel]!);
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
