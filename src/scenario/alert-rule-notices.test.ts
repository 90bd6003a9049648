/** Notices of alert rules that can alarm no episode: on a channel without episodes, of a kind drawn at rate 0, or holding longer than any episode lasts. */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index.ts';
import { alertRuleNotices } from './alert-rule-notices.ts';

/** A ward of one bed with `iomt` lines added (indented under iomt:). */
const loaded = (iomt: string) => loadScenarioText('s.yaml', `name: s\nduration: 10m\nconsensus: { protocol: pbft }\nworkload: { rateTps: 0 }\niomt:\n  hospitals: 1\n  wardsPerHospital: 1\n  bedsPerWard: 1\n${iomt}`);
const notices = (iomt: string) => {
  const l = loaded(iomt);
  return alertRuleNotices(l.scenario, l.locate);
};

describe('alert rules that can alarm no episode', () => {
  it('names a rule on a channel without modelled episodes by file, line and field, and says its alerts all count as false', () => {
    const rules = '  rules:\n    - { name: hr-high, channel: hr, op: above, threshold: 120, hold: 5s }\n    - { name: glucose-high, channel: glucose, op: above, threshold: 170, hold: 1s }\n';
    expect(notices(rules)).toEqual([
      "s.yaml:11:38: iomt.rules.1.channel: rule 'glucose-high' watches glucose, on which the model draws no clinical episodes (only on spo2 (desaturation), hr (tachycardia)): no episode is its to alarm, so every alert it raises counts in iomt.false_alerts",
    ]);
  });

  it('names a rule whose hold is at least the longest episode of its kind, and not one that holds a microsecond less', () => {
    const rules = (hold: string) => `  episodes: { durationMin: 60s, durationMax: 3m }\n  rules:\n    - { name: spo2-low, channel: spo2, op: below, threshold: 90, hold: ${hold} }\n`;
    expect(notices(rules('3m'))).toEqual([
      "s.yaml:11:72: iomt.rules.0.hold: rule 'spo2-low' holds 180 s, at least the longest desaturation the scenario draws (iomt.episodes.durationMax, 180 s): it can never alarm one, and its episodes count in iomt.episodes_shorter_than_hold unless another rule on spo2 holds for them",
    ]);
    // A microsecond less can alarm, but a once-a-second oximeter surely samples such a hold only in a longer episode.
    expect(notices(rules('179999999us'))).toEqual([expect.stringMatching(/^s\.yaml:11:72: iomt\.rules\.0\.hold: rule 'spo2-low' holds 180 s, which the scenario's devices on spo2 \(pulseOximeter: every 1 s\) surely sample only in a desaturation of at least 182\.04[0-9]* s/)]);
  });

  it('blames the episodes\' length for a default rule that their length leaves unable to alarm', () => {
    // The default spo2-low holds 15 s, hr-high 5 s; durationMax below durationMin is taken as durationMin.
    expect(notices('  episodes: { durationMin: 10s, durationMax: 1s }\n')).toEqual([
      "s.yaml:9:46: iomt.episodes.durationMax: rule 'spo2-low' holds 15 s, at least the longest desaturation the scenario draws (iomt.episodes.durationMax, 10 s): it can never alarm one, and its episodes count in iomt.episodes_shorter_than_hold unless another rule on spo2 holds for them",
    ]);
  });

  it('names the rate of a kind the scenario draws none of, for each rule that watches it, default rules included', () => {
    const rules = '  episodes: { desaturationPerHour: 0, tachycardiaPerHour: 1 }\n  rules:\n    - { name: spo2-low, channel: spo2, op: below, threshold: 90, hold: 15s }\n    - { name: hr-high, channel: hr, op: above, threshold: 120, hold: 5s }\n';
    expect(notices(rules)).toEqual([
      "s.yaml:9:36: iomt.episodes.desaturationPerHour: rule 'spo2-low' watches spo2, but the scenario draws no desaturation (iomt.episodes.desaturationPerHour is 0): no episode is its to alarm, so every alert it raises counts in iomt.false_alerts",
    ]);
    expect(notices('  episodes: { tachycardiaPerHour: 0 }\n')).toEqual([
      "s.yaml:9:35: iomt.episodes.tachycardiaPerHour: rule 'hr-high' watches hr, but the scenario draws no tachycardia (iomt.episodes.tachycardiaPerHour is 0): no episode is its to alarm, so every alert it raises counts in iomt.false_alerts",
    ]);
  });

  it('names a rule whose hold the devices on its channel surely sample only in episodes longer than any drawn, and not where one device can', () => {
    // hr-high holds 5 s; a wearable reads every 60 s ± 2 s (it needs 124 s), an ECG patch every 1 s ± 20 ms (7.04 s).
    const wearableOnly = '  devicesPerBed: { ecgPatch: 0, pulseOximeter: 1, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 1 }\n';
    expect(notices(`${wearableOnly}  episodes: { durationMin: 30s, durationMax: 2m }\n`)).toEqual([
      "s.yaml:10:46: iomt.episodes.durationMax: rule 'hr-high' holds 5 s, which the scenario's devices on hr (wearable: every 60 s) surely sample only in a tachycardia of at least 124 s, longer than the longest it draws (iomt.episodes.durationMax, 120 s): whether it alarms one depends on where the readings fall, and its episodes count in iomt.episodes_undersampled unless another rule on hr is surely sampled in them",
    ]);
    expect(notices(`${wearableOnly}  episodes: { durationMin: 30s, durationMax: 124s }\n`)).toEqual([]);
    expect(notices('  devicesPerBed: { ecgPatch: 1, pulseOximeter: 1, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 1 }\n  episodes: { durationMin: 30s, durationMax: 2m }\n')).toEqual([]);
  });

  it('names a rule on a channel no device of the scenario measures', () => {
    expect(notices('  devicesPerBed: { ecgPatch: 1, pulseOximeter: 0, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 0 }\n')).toEqual([
      "s.yaml:9:18: iomt.devicesPerBed: rule 'spo2-low' watches spo2, which no device of the scenario measures: it can alarm no desaturation, and every one counts in iomt.episodes_unobservable",
    ]);
  });

  it('says nothing of hospital.yaml\'s rules on the default episodes', () => {
    expect(notices('  rules:\n    - { name: spo2-low, channel: spo2, op: below, threshold: 90, hold: 15s, target: 10s }\n    - { name: hr-high, channel: hr, op: above, threshold: 120, hold: 5s, target: 10s }\n')).toEqual([]);
  });
});
