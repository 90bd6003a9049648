/**
 * IoMT hospital benchmark: scenarios/hospital.yaml (3,600 devices, 30 gateways, 7 PBFT nodes,
 * 1 simulated hour) through the IoMT run model; target ≤ 30 s wall on one core. Importing this
 * module runs nothing.
 */
import { fileURLToPath } from 'node:url';
import { runIomtBench, type IomtBenchResult } from './iomt-bench.ts';

export const HOSPITAL_BENCH_SCENARIO = fileURLToPath(new URL('../scenarios/hospital.yaml', import.meta.url));

/** One run of the hospital benchmark; `sets` are `--set`-style overrides (e.g. 'duration=10m'). */
export function runHospitalBench(seed = 1, sets: readonly string[] = []): IomtBenchResult {
  return runIomtBench(HOSPITAL_BENCH_SCENARIO, seed, sets);
}
