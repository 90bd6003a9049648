import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

const insiderFile = fileURLToPath(new URL('../../scenarios/attacks/insider.yaml', import.meta.url));

describe('insider attack', () => {
  it('scores both access detectors even when neither alarmed: an insider acting while the monitor still learns its baseline goes undetected', () => {
    // The monitor's baseline is its first 5 windows of 60 s: in a 4-minute run it never alarms.
    const { scenario } = loadScenario(insiderFile, ['duration=4m', 'attacks.0.start=2m']);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    expect(m['attack.insider_extra_requests']!.value).toBeGreaterThan(0);
    for (const detector of ['ewma_access_rate', 'cusum_access_rate']) {
      expect(m[`detect.${detector}.detection_rate`]?.value).toBe(0);
      expect(m[`detect.${detector}.false_positive_rate`]?.value).toBe(0);
      expect(m[`detect.${detector}.time_to_detect_ms`]).toBeUndefined();
    }
  });

  it('counts an insider whose detector was still in alarm when the misuse began as detected, with no time to detect', () => {
    // At seed 6, clinician 7 draws a false alarm of the EWMA chart before 7 min, and the chart is
    // still out of control when the misuse begins: no new alarm rises, the monitor flagged it all along.
    const { scenario } = loadScenario(insiderFile, ['attacks.0.clinicians=[7]', 'seed=6']);
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    expect(m['detect.ewma_access_rate.detection_rate']?.value).toBe(1);
    expect(m['detect.ewma_access_rate.time_to_detect_ms']).toBeUndefined();
    expect(m['detect.cusum_access_rate.detection_rate']?.value).toBe(1);
  });
});
