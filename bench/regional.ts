/**
 * IoMT regional benchmark: scenarios/regional.yaml (10 hospitals, 36,000 devices, 300 gateways,
 * 16 PBFT nodes, 1 simulated hour): wall time and peak memory. Importing this module runs nothing.
 */
import { fileURLToPath } from 'node:url';
import { runIomtBench, type IomtBenchResult } from './iomt-bench.ts';

export const REGIONAL_BENCH_SCENARIO = fileURLToPath(new URL('../scenarios/regional.yaml', import.meta.url));

/** One run of the regional benchmark; `sets` are `--set`-style overrides. */
export function runRegionalBench(seed = 1, sets: readonly string[] = []): IomtBenchResult {
  return runIomtBench(REGIONAL_BENCH_SCENARIO, seed, sets);
}
