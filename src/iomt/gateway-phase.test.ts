import { describe, expect, it } from 'vitest';
import { hotstuff } from '../protocols/hotstuff/index.ts';
import type { IomtEvent } from './events.ts';
import { smallWorldConfig } from './testing/small-world.ts';
import { IomtWorld } from './world.ts';

describe('Gateway batching phase', () => {
  it("spreads a world's gateways' batch seals over the interval instead of sealing in lockstep", () => {
    const intervalUs = 5_000_000;
    // Eight gateways; fixed links and store latency, so a batch is durable a fixed time after its seal.
    const config = smallWorldConfig(hotstuff, { durationUs: 30_000_000, hospitals: 2, wardsPerHospital: 4, bedsPerWard: 2 });
    const world = new IomtWorld(config);
    const durableUs = new Map<number, number[]>();
    world.engine.observe((_h, e, t) => {
      if (e.kind !== 'iomt-batch-durable') return;
      const d = e as Extract<IomtEvent, { kind: 'iomt-batch-durable' }>;
      const times = durableUs.get(d.batch) ?? [];
      times.push(t);
      durableUs.set(d.batch, times);
    });
    world.run();
    for (const batch of [0, 3]) {
      const times = durableUs.get(batch)!;
      expect(times).toHaveLength(8);
      expect(new Set(times).size, `batch ${batch}: one seal time per gateway`).toBe(8);
      // In lockstep every gateway's first reading came within a second of t = 0, so each batch's
      // seals fell within about a second of each other.
      expect(Math.max(...times) - Math.min(...times), `batch ${batch}: spread of the seals`).toBeGreaterThan(intervalUs / 2);
    }
  });
});
