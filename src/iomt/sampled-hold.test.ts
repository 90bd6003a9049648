/** The shortest episode a device's readings surely let a rule alarm: tight against the rule itself. */
import { describe, expect, it } from 'vitest';
import { RuleState, type AlertRule } from './alert-rules.ts';
import { surelyAlarmableUs } from './sampled-hold.ts';
import { CHANNEL_INDEX } from './vitals.ts';

const S = 1_000_000;
const rule = (holdUs: number): AlertRule => ({ name: 'hr-high', channel: 'hr', op: 'above', threshold: 120, holdUs, targetUs: 10 * S });

/** Whether readings at `startUs` + phase + gaps (cycled) let `holdUs`'s rule alarm an episode [startUs, startUs + lastedUs). */
function alarms(holdUs: number, lastedUs: number, phaseUs: number, gapsUs: readonly number[], driftFactor = 1): boolean {
  const state = new RuleState([rule(holdUs)], [CHANNEL_INDEX.hr]);
  const startUs = 1000 * S;
  let t = startUs - 3 * Math.max(...gapsUs) + phaseUs;
  for (let k = 0; t < startUs + lastedUs + 3 * Math.max(...gapsUs); t += gapsUs[k++ % gapsUs.length]!) {
    if (state.feed(0, t >= startUs && t < startUs + lastedUs ? 140 : 80, Math.round(t * driftFactor))) return true;
  }
  return false;
}
/** Phases on a grid over one gap, and the last microsecond of it: a reading just before the episode starts. */
const phases = (gapUs: number, stepUs: number) => [...Array.from({ length: Math.ceil(gapUs / stepUs) }, (_, i) => i * stepUs), gapUs - 1];

describe('surelyAlarmableUs', () => {
  it('is hold + interval for a periodic device without jitter or drift and a hold of whole intervals: every phase alarms there, one misses a microsecond less', () => {
    const times = { intervalUs: 60 * S, jitterUs: 0, eventDriven: false, clockDriftPpm: 0 };
    expect(surelyAlarmableUs(60 * S, times)).toBe(120 * S);
    for (const phaseUs of phases(60 * S, S / 4)) expect(alarms(60 * S, 120 * S, phaseUs, [60 * S])).toBe(true);
    expect(phases(60 * S, S / 4).some((phaseUs) => !alarms(60 * S, 120 * S - 1, phaseUs, [60 * S]))).toBe(true);
    // A 60 s episode under a 60 s hold holds one reading of a once-a-minute device: never alarmed, at any phase.
    expect(phases(60 * S, S / 4).some((phaseUs) => alarms(60 * S, 60 * S, phaseUs, [60 * S]))).toBe(false);
  });

  it('is two intervals for a hold shorter than one: a single reading in the episode holds nothing', () => {
    const times = { intervalUs: 60 * S, jitterUs: 0, eventDriven: false, clockDriftPpm: 0 };
    expect(surelyAlarmableUs(5 * S, times)).toBe(120 * S);
    for (const phaseUs of phases(60 * S, S / 4)) expect(alarms(5 * S, 120 * S, phaseUs, [60 * S])).toBe(true);
    expect(phases(60 * S, S / 4).some((phaseUs) => !alarms(5 * S, 120 * S - 1, phaseUs, [60 * S]))).toBe(true);
  });

  it("with jitter, is missed just below by readings a longest gap outside the episode's ends and shortest gaps within", () => {
    // A once-a-minute wearable (gaps 58–62 s) under a 65 s hold: two gaps in the episode span at
    // least 116 s, so the longest span missed is one gap of 62 s, and 2 × 62 + 62 = 186 s is sure.
    const times = { intervalUs: 60 * S, jitterUs: 2 * S, eventDriven: false, clockDriftPpm: 0 };
    expect(surelyAlarmableUs(65 * S, times)).toBe(186 * S);
    expect(alarms(65 * S, 186 * S - 1, 62 * S - 1, [62 * S])).toBe(false);
    for (const gapsUs of [[58 * S], [62 * S], [58 * S, 62 * S], [62 * S, 58 * S, 60 * S]]) {
      for (const phaseUs of phases(62 * S, S / 2)) expect(alarms(65 * S, 186 * S, phaseUs, gapsUs)).toBe(true);
    }
  });

  it("counts a slow clock's drift: readings a hold apart read short of it", () => {
    const times = (clockDriftPpm: number) => ({ intervalUs: 60 * S, jitterUs: 0, eventDriven: false, clockDriftPpm });
    // At 100 ppm slow, two readings 60 s apart read 59.994 s: a third is needed.
    expect(alarms(60 * S, 119 * S, 0, [60 * S])).toBe(true);
    expect(alarms(60 * S, 119 * S, 0, [60 * S], 1 - 100e-6)).toBe(false);
    for (const phaseUs of phases(60 * S, S / 4)) expect(alarms(60 * S, 180 * S, phaseUs, [60 * S], 1 - 100e-6)).toBe(true);
    expect(surelyAlarmableUs(60 * S, times(100))).toBe(180 * S);
    expect(surelyAlarmableUs(60 * S, times(0))).toBe(120 * S);
  });

  it('is unbounded for an event-driven device, whose exponential gaps can skip any episode', () => {
    expect(surelyAlarmableUs(5 * S, { intervalUs: 60 * S, jitterUs: 0, eventDriven: true, clockDriftPpm: 0 })).toBe(Infinity);
  });
});
