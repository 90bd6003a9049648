/**
 * The SimBlock reference network (REFERENCES §4; scenarios/simblock.yaml): 6,000 PoW nodes, 100
 * blocks. SimBlock takes about 30 s and 640 MB for it here; the target is ≤ 10 s and ≤ 500 MB.
 * Importing runs nothing.
 */
import { medianOf, type PowBenchResult } from './pow.ts';
import { scenarioEntry } from './scenario-entry.ts';
import type { BenchEntry } from './registry.ts';

export const simblockEntry: BenchEntry = scenarioEntry({
  name: 'pow.simblock_nodes6000_blocks100',
  description: 'SimBlock reference network: 6,000 PoW nodes, 100 blocks (scenarios/simblock.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/simblock.yaml',
});

/** The SimBlock network, median of `runs`. */
export function runSimblockBench(runs = 3): Promise<PowBenchResult> {
  return medianOf(simblockEntry, runs);
}
