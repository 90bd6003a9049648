/**
 * The clock-drift tolerance the world hands its collector, from the scenario: an alert carries the
 * time its condition began by the reporting device's clock, which a slow clock reads up to its
 * drift bound before an episode's start (src/iomt/collector.ts), so the collector must allow the
 * largest bound of the device kinds in use, after the scenario's profile overrides, and none when
 * `iomt.clockDrift` is false (perfect clocks). Alerts are handed to the collector of a world built
 * from the scenario, just inside and just outside the bound before one of its own episodes.
 */
import { describe, expect, it } from 'vitest';
import { IomtWorld } from '../iomt/world.ts';
import { episodeKindOf } from '../iomt/vitals.ts';
import { loadScenario } from '../scenario/index.ts';
import { iomtWorldConfig } from './iomt.ts';

/** Pulse oximeters at 400 ppm beside ECG patches at their default 50; wearables, not in use, at 5,000. */
const DRIFTS = [
  'iomt.devicesPerBed={ecgPatch: 1, pulseOximeter: 1, cgm: 0, bpCuff: 0, infusionPump: 0, wearable: 0}',
  'iomt.profiles={pulseOximeter: {clockDriftPpm: 400}, wearable: {clockDriftPpm: 5000}}',
  'iomt.episodes.desaturationPerHour=20',
];

/**
 * False and duplicate alerts after one alert per condition time in `conditionsUs(startUs)`, each
 * for the first desaturation episode of a world built from tamper.yaml, without its attack, and `sets`.
 */
function alertsBefore(sets: readonly string[], conditionsUs: (startUs: number) => readonly number[]): { falseAlerts: number; duplicates: number } {
  const { scenario } = loadScenario('scenarios/attacks/tamper.yaml', ['attacks=[]', 'expect={}', 'duration=10m', ...DRIFTS, ...sets]);
  const world = new IomtWorld(iomtWorldConfig(scenario, scenario.seed));
  const episode = world.vitals.flatMap((v) => v.episodes).find((e) => e.kind === 'desaturation')!;
  const rule = world.config.rules.findIndex((r) => episodeKindOf(r.channel) === 'desaturation');
  // Well after the warm-up: the bound in µs is then far above the µs the clock rounds to.
  expect(episode.startUs).toBeGreaterThanOrEqual(120_000_000);
  for (const conditionUs of conditionsUs(episode.startUs)) {
    world.collector.onEvent({ kind: 'iomt-alert-delivered', path: 'fast', patient: episode.patient, rule, device: 0, conditionUs }, episode.startUs + 30_000_000);
  }
  const m = world.collector.finish({ durationUs: scenario.duration, accepted: 0, readingsSent: 0, readingsLost: 0, alertsRefused: 0, audit: new Map(), consents: new Map(), consentRevokedUs: new Map() }).metrics;
  return { falseAlerts: m['iomt.false_alerts']!.value!, duplicates: m['iomt.duplicate_alerts']!.value! };
}

/** The condition times a clock drifting `ppm` slow reads at an episode's start, and 1 ppm further. */
const inside = (ppm: number) => (startUs: number) => Math.ceil(startUs * (1 - ppm * 1e-6));
const outside = (ppm: number) => (startUs: number) => Math.floor(startUs * (1 - (ppm + 1) * 1e-6));

describe("the world's clock-drift tolerance", () => {
  it("is the largest drift bound of the kinds in use, the scenario's override of the pulse oximeter's (400 ppm): neither the default (50), nor an unused kind's (5,000)", () => {
    // Outside first: a false alert. Inside: the episode's alert.
    expect(alertsBefore([], (t) => [outside(400)(t), inside(400)(t)])).toEqual({ falseAlerts: 1, duplicates: 0 });
  });

  it('is none when clocks do not drift (iomt.clockDrift false)', () => {
    // A condition 1 µs early is the clock's rounding; one read 400 ppm early is no episode's.
    expect(alertsBefore(['iomt.clockDrift=false'], (t) => [inside(400)(t), t - 1])).toEqual({ falseAlerts: 1, duplicates: 0 });
  });
});
