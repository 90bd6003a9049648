import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/index.ts';
import { CHANNEL_DEFINITIONS, CHANNEL_INDEX, CHANNELS, EPISODE_CHANNEL, EPISODE_KINDS, episodeKindOf, PatientVitals } from './vitals.ts';

const HOUR_US = 3_600_000_000;

describe('PatientVitals', () => {
  it("gives each episode's level on its own channel while it lasts, and the baseline's slow swing elsewhere", () => {
    const v = new PatientVitals(7, new Rng(3), { ratePerHour: { desaturation: 6, tachycardia: 6 }, durationMinUs: 60_000_000, durationMaxUs: 120_000_000, notBeforeUs: 0 }, 10 * HOUR_US);
    const kinds = new Set(v.episodes.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['desaturation', 'tachycardia']));
    for (const e of v.episodes) {
      const channel = e.kind === 'desaturation' ? CHANNEL_INDEX.spo2 : CHANNEL_INDEX.hr;
      const other = e.kind === 'desaturation' ? CHANNEL_INDEX.hr : CHANNEL_INDEX.spo2;
      expect(v.trueValue(channel, e.startUs)).toBe(e.level);
      expect(v.trueValue(channel, e.endUs - 1)).toBe(e.level);
      expect(v.trueValue(channel, e.endUs)).not.toBe(e.level);
      expect(v.trueValue(channel, e.startUs - 1)).not.toBe(e.level);
      // The other episode channel is at an episode's level only inside one of its own episodes.
      const inOwn = v.episodes.some((o) => o.kind !== e.kind && o.startUs <= e.startUs && e.startUs < o.endUs);
      if (!inOwn) expect(v.episodes.map((o) => o.level)).not.toContain(v.trueValue(other, e.startUs));
    }
    // Channels without episodes stay within their baseline range widened by their swing.
    for (const c of [CHANNEL_INDEX.glucose, CHANNEL_INDEX.sbp]) {
      const d = CHANNEL_DEFINITIONS[c]!;
      for (let t = 0; t < 10 * HOUR_US; t += HOUR_US / 7) {
        const x = v.trueValue(c, t);
        expect(x).toBeGreaterThanOrEqual(d.lo - d.swing);
        expect(x).toBeLessThanOrEqual(d.hi + d.swing);
      }
    }
  });

  it('scores each episode kind against rules on the channel its episodes move, and no kind against rules on the others', () => {
    for (const kind of EPISODE_KINDS) {
      const v = new PatientVitals(1, new Rng(5), { ratePerHour: { desaturation: 0, tachycardia: 0, [kind]: 6 }, durationMinUs: 60_000_000, durationMaxUs: 60_000_000, notBeforeUs: 0 }, 2 * HOUR_US);
      const e = v.episodes[0]!;
      expect(v.trueValue(CHANNEL_INDEX[EPISODE_CHANNEL[kind]], e.startUs)).toBe(e.level);
      expect(episodeKindOf(EPISODE_CHANNEL[kind])).toBe(kind);
    }
    expect(CHANNELS.filter((c) => episodeKindOf(c) === undefined)).toEqual(['glucose', 'sbp', 'infusionRate']);
  });
});
