/**
 * Device detectors in a run without any device attack: every device is a negative and every alarm a
 * false one, so the false-alarm rate and the false-positive rate are exactly what an architect reads
 * off a benign run; the scores that need a compromised device stay absent.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../sim/index.ts';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';
import { simulateOnThreads } from './threads/run.ts';

// scenarios/default.yaml without its replay attack: its value z-score alarms on clinical episodes.
const benign = () => loadScenario(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)), ['attacks=[]']).scenario;

describe('device detectors without a device attack', () => {
  it('reports false alarms per hour and the false-positive rate of every configured device detector, and no detection rate or time to detect', () => {
    const scenario = benign();
    const alarmed = new Set<string>();
    const seen = (_h: number, e: ModelEvent) => {
      const a = e as { detector?: unknown; subject?: unknown };
      if (e.kind === 'alarm' && a.detector === 'zscore:value' && typeof a.subject === 'string' && a.subject.startsWith('device:')) alarmed.add(a.subject);
    };
    const m = runIomtWorld(scenario, scenario.seed, { observers: [seen] }).metrics;
    // With no labelled device every device alarm after the warm-up is false: the alarm rate itself.
    expect(m['detect.zscore_value.alarms_per_hour']!.value).toBeGreaterThan(0);
    for (const d of ['cusum_interarrival', 'zscore_value']) {
      expect(m[`detect.${d}.false_alarms_per_hour`]?.value).toBe(m[`detect.${d}.alarms_per_hour`]!.value);
      expect(m[`detect.${d}.detection_rate`]).toBeUndefined();
      expect(m[`detect.${d}.time_to_detect_ms`]).toBeUndefined();
    }
    // Devices alarmed on ÷ every device of the world (240), none of them compromised.
    expect(alarmed.size).toBeGreaterThan(0);
    expect(m['detect.zscore_value.false_positive_rate']?.value).toBe(alarmed.size / 240);
    expect(m['detect.cusum_interarrival.false_positive_rate']?.value).toBe(0);
  });

  it('reports them alike in a run split over 2 threads', async () => {
    const scenario = benign();
    const one = runIomtWorld(scenario, scenario.seed);
    const two = await simulateOnThreads(scenario, scenario.seed, 2);
    expect(two.metrics['detect.zscore_value.false_positive_rate']).toBeDefined();
    expect(two).toEqual(one);
  }, 60_000);
});
