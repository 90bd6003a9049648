/**
 * An entry made from a scenario file: load it (with `--set`-style overrides), run one replication
 * through the runner's own model dispatcher, and report what it simulated. By default the golden
 * file holds every metric, every check outcome and the trace hash; an entry whose golden file was
 * recorded with a narrower selection passes `goldenMetrics`.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { RunOutput } from '../../src/metrics/types.ts';
import { simulate } from '../../src/runner/simulate.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import { planSplit, simulateOnThreads } from '../../src/world/threads/run.ts';
import type { BenchEntry, BenchRunResult, SimulatedMetrics, SplitRun, SuiteName } from '../harness/entry.ts';

export interface ScenarioEntrySpec {
  readonly name: string;
  readonly description: string;
  readonly suites: readonly SuiteName[];
  /** Path relative to the repository root, e.g. 'scenarios/pbft.yaml'. */
  readonly scenarioFile: string;
  /** Overrides as on the command line: 'duration=60s', 'consensus.nodes=7'. */
  readonly sets?: readonly string[];
  readonly seed?: number;
  /** What of the run the golden file holds (default: allMetrics). */
  readonly goldenMetrics?: (out: RunOutput) => SimulatedMetrics;
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every metric, every check as `check.<name>`, the trace hash and the event count. */
export function allMetrics(out: RunOutput): SimulatedMetrics {
  const metrics: Record<string, number | string | boolean> = { trace_hash: out.traceHash, events: out.eventsProcessed };
  for (const [name, m] of Object.entries(out.metrics)) metrics[name] = m.value;
  for (const c of out.checks) metrics[`check.${c.name}`] = c.passed;
  return metrics;
}

/** The trace hash (as `traceHash`) and the named metrics (NaN where the run has none). */
export function selectedMetrics(names: readonly string[]): (out: RunOutput) => SimulatedMetrics {
  return (out) => {
    const metrics: Record<string, number | string | boolean> = { traceHash: out.traceHash };
    for (const name of names) metrics[name] = out.metrics[name]?.value ?? NaN;
    return metrics;
  };
}

export function scenarioEntry(spec: ScenarioEntrySpec): BenchEntry {
  const golden = spec.goldenMetrics ?? allMetrics;
  return {
    name: spec.name,
    description: spec.description,
    suites: spec.suites,
    run(): BenchRunResult {
      const { scenario } = loadScenario(`${REPO_ROOT}${spec.scenarioFile}`, spec.sets ?? []);
      const start = performance.now();
      const out = simulate(scenario, spec.seed ?? 1);
      const wallMs = performance.now() - start;
      return { wallMs, events: out.eventsProcessed, simulatedSeconds: out.simulatedUs / 1e6, metrics: golden(out) };
    },
    split(threads: number): SplitRun {
      const { scenario } = loadScenario(`${REPO_ROOT}${spec.scenarioFile}`, spec.sets ?? []);
      const seed = spec.seed ?? 1;
      const plan = planSplit(scenario, seed, threads);
      if ('problem' in plan) return { problem: `${spec.scenarioFile}: ${plan.problem.path}: expected ${plan.problem.expected}, found ${plan.problem.found}` };
      return {
        run: async () => {
          const start = performance.now();
          const out = await simulateOnThreads(scenario, seed, threads);
          const wallMs = performance.now() - start;
          return { wallMs, events: out.eventsProcessed, simulatedSeconds: out.simulatedUs / 1e6, metrics: golden(out) };
        },
      };
    },
  };
}
