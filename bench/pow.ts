/**
 * Proof-of-work benchmarks: Nakamoto PoW with 600 nodes for 100 blocks on SimBlock's network
 * (scenarios/pow.yaml; SimBlock itself: about 2.4 s and 200 MB, REFERENCES §4). Importing runs
 * nothing. `runPowBench` is for people: it reports the median of several runs with peak memory.
 */
import { scenarioEntry } from './scenario-entry.ts';
import type { BenchEntry, SimulatedMetrics } from './registry.ts';

export const pow600Entry: BenchEntry = scenarioEntry({
  name: 'pow.nodes600_blocks100',
  description: 'Nakamoto PoW, 600 nodes, 100 blocks on the SimBlock network (scenarios/pow.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/pow.yaml',
});

export interface PowBenchResult {
  /** Median over the runs. */
  readonly wallMs: number;
  readonly wallMsRuns: readonly number[];
  readonly events: number;
  readonly eventsPerSec: number;
  readonly simulatedSeconds: number;
  /** Peak resident set of this process so far (run it in a fresh process to read it alone), MB. */
  readonly peakRssMb: number;
  readonly metrics: SimulatedMetrics;
}

/** Run `entry` `runs` times in this process; report the median wall time and the peak RSS. */
export async function medianOf(entry: BenchEntry, runs: number): Promise<PowBenchResult> {
  const walls: number[] = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = await entry.run();
    walls.push(last.wallMs);
  }
  const sorted = [...walls].sort((a, b) => a - b);
  const wallMs = sorted[Math.floor(sorted.length / 2)]!;
  return {
    wallMs,
    wallMsRuns: walls,
    events: last!.events,
    eventsPerSec: last!.events / (wallMs / 1000),
    simulatedSeconds: last!.simulatedSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    metrics: last!.metrics,
  };
}

/** PoW with 600 nodes × 100 blocks, median of `runs`. */
export function runPowBench(runs = 3): Promise<PowBenchResult> {
  return medianOf(pow600Entry, runs);
}
