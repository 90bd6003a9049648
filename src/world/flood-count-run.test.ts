import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

describe('flood', () => {
  it('sends rate × (duration − start) readings per bot when it has no end: none at the end of the run itself', () => {
    const { scenario } = loadScenario('scenarios/attacks/flood.yaml');
    const spec = scenario.attacks[0] as { readonly type: string; readonly start: number; readonly end?: number; readonly devices: readonly number[]; readonly rate: number };
    expect([spec.type, spec.end]).toEqual(['flood', undefined]);
    // 20/s over the 120 s from 60 s to the 3 min end, from 3 bots: a tick every 50 ms lands on the end itself.
    const expected = spec.rate * ((scenario.duration - spec.start) / 1e6) * spec.devices.length;
    expect(expected).toBe(7_200);
    const out = runIomtWorld(scenario, scenario.seed);
    expect(out.metrics['attack.flood_sent']!.value).toBe(expected);
    expect(out.simulatedUs).toBe(scenario.duration);
  });
});
