/**
 * PBFT benchmark: scenarios/pbft.yaml (n = 16, f = 5, 1,000 tx/s offered, 10 simulated minutes)
 * through the consensus run model. Importing this module runs nothing.
 */
import { fileURLToPath } from 'node:url';
import { runConsensusScenario } from '../src/runner/models/consensus.ts';
import { loadScenario } from '../src/scenario/load.ts';

export const PBFT_BENCH_SCENARIO = fileURLToPath(new URL('../scenarios/pbft.yaml', import.meta.url));

export interface PbftBenchResult {
  /** Wall time of the run itself (scenario loading excluded), ms. */
  readonly wallMs: number;
  /** CPU time of this process during the run (user + system), ms: robust to a loaded machine. */
  readonly cpuMs: number;
  readonly events: number;
  readonly eventsPerSec: number;
  readonly simulatedSeconds: number;
  /** Deterministic results of the seed: the golden check compares them exactly. */
  readonly metrics: Readonly<Record<string, number | string | boolean>>;
}

/** One run of the PBFT benchmark; `sets` are `--set`-style overrides (e.g. 'duration=60s'). */
export function runPbftBench(seed = 1, sets: readonly string[] = []): PbftBenchResult {
  const { scenario } = loadScenario(PBFT_BENCH_SCENARIO, sets);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const out = runConsensusScenario(scenario, seed);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const metrics: Record<string, number | string | boolean> = { traceHash: out.traceHash };
  for (const name of [
    'consensus.throughput_tps', 'consensus.commit_latency_ms.p50', 'consensus.commit_latency_ms.p99',
    'consensus.client_latency_ms.p99', 'consensus.messages_per_decision', 'consensus.decisions_per_sec',
    'safety.violations', 'liveness.violations', 'validity.violations',
  ]) {
    metrics[name] = out.metrics[name]!.value;
  }
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, events: out.eventsProcessed, eventsPerSec: out.eventsProcessed / (wallMs / 1000), simulatedSeconds: out.simulatedUs / 1e6, metrics };
}
