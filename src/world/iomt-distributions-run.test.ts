import { describe, expect, it } from 'vitest';
import { smallIomtScenario } from './testing/scenarios.ts';
import { runIomtWorld } from './testing/run.ts';

// A small ward with frequent episodes, so that every latency family has samples in 2 simulated minutes.
const scenario = smallIomtScenario({ episodes: { desaturationPerHour: 20, tachycardiaPerHour: 20, notBefore: '30s' } }, { name: 'iomt-distributions', duration: '2m' });

describe('IoMT run model distributions', () => {
  it('exports the alert, durability and anchoring latency distributions, agreeing with their percentile metrics', () => {
    const out = runIomtWorld(scenario, 1);
    const families = ['iomt.alert_latency_ms', 'iomt.alert_latency_onchain_ms', 'iomt.durable_latency_ms', 'iomt.anchor_latency_ms'];
    expect(Object.keys(out.distributions ?? {})).toEqual(['consensus.commit_latency_ms', 'consensus.client_latency_ms', ...families]);
    for (const family of families) {
      const q = out.distributions![family]!.quantiles;
      // Grid indices 50, 95 and 99 are the probabilities 0.5, 0.95 and 0.99.
      expect(q[50]).toBe(out.metrics[`${family}.p50`]!.value);
      expect(q[95]).toBe(out.metrics[`${family}.p95`]!.value);
      expect(q[99]).toBe(out.metrics[`${family}.p99`]!.value);
      for (let i = 1; i < q.length; i++) expect(q[i]!).toBeGreaterThanOrEqual(q[i - 1]!);
    }
  });
});
