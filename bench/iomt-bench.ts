/** Shared by bench/hospital.ts and bench/regional.ts: one IoMT run, timed, with its peak memory. */
import { runIomtScenario } from '../src/runner/models/iomt.ts';
import { loadScenario } from '../src/scenario/load.ts';

export interface IomtBenchResult {
  /** Wall time of the run itself (scenario loading excluded), ms. */
  readonly wallMs: number;
  /** CPU time of this process during the run (user + system), ms: wall time on an idle core. */
  readonly cpuMs: number;
  /** Largest resident set size seen during the run (sampled between events), bytes. */
  readonly peakRssBytes: number;
  readonly events: number;
  readonly eventsPerSec: number;
  readonly simulatedSeconds: number;
  /** Deterministic results of the seed: a golden check compares them exactly. */
  readonly metrics: Readonly<Record<string, number | string | boolean>>;
}

const REPORTED = [
  'iomt.readings_accepted', 'iomt.readings_anchored', 'iomt.durable_latency_ms.p95', 'iomt.anchor_latency_ms.p95',
  'iomt.alert_latency_ms.p95', 'iomt.alert_latency_onchain_ms.p95', 'iomt.access_decision_latency_ms.p95',
  'iomt.consent_revoke_enforced_latency_ms.p95', 'iomt.onchain_bytes_per_reading', 'iomt.phi_bytes_on_chain',
  'iomt.audit_completeness_ratio', 'iomt.integrity_checks_invalid', 'consensus.throughput_tps', 'safety.violations',
] as const;

export function runIomtBench(file: string, seed: number, sets: readonly string[]): IomtBenchResult {
  const { scenario } = loadScenario(file, sets);
  let peakRssBytes = process.memoryUsage.rss();
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const out = runIomtScenario(scenario, seed, {
    // Sample memory every simulated 10 s: cheap, and fine enough to catch the peak's trend.
    setup: (world) => {
      for (let t = 0; t <= scenario.duration; t += 10_000_000) {
        world.engine.at(t, () => {
          const rss = process.memoryUsage.rss();
          if (rss > peakRssBytes) peakRssBytes = rss;
        });
      }
    },
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  const metrics: Record<string, number | string | boolean> = { traceHash: out.traceHash };
  for (const name of REPORTED) metrics[name] = out.metrics[name]?.value ?? NaN;
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes, events: out.eventsProcessed, eventsPerSec: out.eventsProcessed / (wallMs / 1000), simulatedSeconds: out.simulatedUs / 1e6, metrics };
}
