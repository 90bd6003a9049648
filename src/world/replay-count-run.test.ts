import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runIomtWorld } from './testing/run.ts';

describe('replay', () => {
  it('counts a copy as sent when it is sent, not when it is captured: copies still waiting for their delay at the end were never sent', () => {
    // 30 s between capture and replay: the copies captured in the last 30 s of the run wait past its end.
    const { scenario } = loadScenario('scenarios/attacks/replay.yaml', ['attacks=[{type: replay, start: 60s, devices: [2, 3], delay: 30s}]']);
    // A fixed radio latency far below the readings' interval: no copy is in flight at the end.
    expect(scenario.iomt?.links.radio).toEqual({ kind: 'fixed', value: 5_000 });
    const m = runIomtWorld(scenario, scenario.seed).metrics;
    expect(m['iomt.replayed_arrived']!.value).toBeGreaterThan(50);
    expect(m['iomt.replayed_sent']!.value).toBe(m['iomt.replayed_arrived']!.value);
  });
});
