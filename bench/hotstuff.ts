/**
 * Chained HotStuff benchmark (issue 3): 64 replicas, 1,000 tx/s offered for 10 simulated minutes
 * (scenarios/hotstuff.yaml as written). Importing this module runs nothing.
 */
import { scenarioEntry } from './scenario-entry.ts';
import type { BenchEntry, SimulatedMetrics } from './registry.ts';

export interface ProtocolBenchResult {
  readonly wallMs: number;
  readonly events: number;
  readonly eventsPerSec: number;
  readonly simulatedSeconds: number;
  /** Every metric of the run, check outcomes (`check.<name>`) and the trace hash. */
  readonly metrics: SimulatedMetrics;
}

export const hotstuffN64TenMinutesEntry: BenchEntry = scenarioEntry({
  name: 'consensus.hotstuff_n64_10m',
  description: 'chained HotStuff n=64, 1000 tx/s, 10 simulated min (scenarios/hotstuff.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/hotstuff.yaml',
});

/** Run one entry once and add the event rate. */
export async function measure(entry: BenchEntry): Promise<ProtocolBenchResult> {
  const r = await entry.run();
  return { wallMs: r.wallMs, events: r.events, eventsPerSec: r.events / (r.wallMs / 1000), simulatedSeconds: r.simulatedSeconds, metrics: r.metrics };
}

/** HotStuff n = 64 for 10 simulated minutes; `sets` overrides the scenario (e.g. 'duration=60s'). */
export function runHotStuffBench(sets: readonly string[] = [], seed = 1): Promise<ProtocolBenchResult> {
  return measure(
    sets.length === 0 && seed === 1
      ? hotstuffN64TenMinutesEntry
      : scenarioEntry({ name: 'consensus.hotstuff_custom', description: 'HotStuff with overrides', suites: ['full'], scenarioFile: 'scenarios/hotstuff.yaml', sets, seed }),
  );
}
