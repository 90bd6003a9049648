/**
 * A suite entry made from a scenario file: load it (with `--set`-style overrides), run one
 * replication through the runner's own model dispatcher, and report what it simulated. Areas whose
 * benchmark is "this scenario at this size" register one of these instead of writing a run
 * function; the golden file then holds every metric, check outcome and the trace hash.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { simulate } from '../src/runner/simulate.ts';
import { loadScenario } from '../src/scenario/index.ts';
import type { BenchEntry, BenchRunResult, SimulatedMetrics, SuiteName } from './registry.ts';

export interface ScenarioEntrySpec {
  readonly name: string;
  readonly description: string;
  readonly suites: readonly SuiteName[];
  /** Path relative to the repository root, e.g. 'scenarios/pbft.yaml'. */
  readonly scenarioFile: string;
  /** Overrides as on the command line: 'duration=60s', 'consensus.nodes=7'. */
  readonly sets?: readonly string[];
  readonly seed?: number;
}

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

export function scenarioEntry(spec: ScenarioEntrySpec): BenchEntry {
  return {
    name: spec.name,
    description: spec.description,
    suites: spec.suites,
    run(): BenchRunResult {
      const { scenario } = loadScenario(`${REPO_ROOT}${spec.scenarioFile}`, spec.sets ?? []);
      const start = performance.now();
      const out = simulate(scenario, spec.seed ?? 1);
      const wallMs = performance.now() - start;
      const metrics: Record<string, number | string | boolean> = { trace_hash: out.traceHash, events: out.eventsProcessed };
      for (const [name, m] of Object.entries(out.metrics)) metrics[name] = m.value;
      for (const c of out.checks) metrics[`check.${c.name}`] = c.passed;
      return { wallMs, events: out.eventsProcessed, simulatedSeconds: out.simulatedUs / 1e6, metrics: metrics as SimulatedMetrics };
    },
  };
}
