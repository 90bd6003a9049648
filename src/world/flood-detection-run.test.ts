/**
 * The device detectors' scores in a world, against the flood's ground truth (flood.yaml: 3 of its
 * 16 devices flood from 60 s; an inter-arrival CUSUM learning its baseline from 50 samples, about
 * 50 s at one reading a second).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

function run(sets: readonly string[] = []) {
  const { scenario } = loadScenario('scenarios/attacks/flood.yaml', [...sets]);
  const m = runIomtWorld(scenario, scenario.seed).metrics;
  return (name: string) => m[`detect.cusum_interarrival.${name}`]?.value;
}

describe('the inter-arrival CUSUM under flood', () => {
  it('alarms on each of the 3 bots within a second of the flood, and on no other device', () => {
    const score = run();
    expect(score('detection_rate')).toBe(1);
    // A flood reading every 50 ms against a baseline of one a second: a few short gaps reach h.
    expect(score('time_to_detect_ms')).toBeGreaterThan(0);
    expect(score('time_to_detect_ms')).toBeLessThan(1_000);
    expect(score('false_positive_rate')).toBe(0);
    expect(score('false_alarms_per_hour')).toBe(0);
    // One alarm per bot in the 150 s after the 30 s warm-up: 3 alarms, 72 an hour, none of them false.
    expect(score('alarms_per_hour')).toBe(3 / (150 / 3_600));
  });

  it('detects nothing when the flood starts while the detector still learns its baseline (20 s): it learns the flood as normal', () => {
    const score = run(['attacks.0.start=20s']);
    expect(score('detection_rate')).toBe(0);
    expect(score('time_to_detect_ms')).toBeUndefined();
    expect(score('alarms_per_hour')).toBe(0);
  });
});
