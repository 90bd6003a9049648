/**
 * Replications on 1 against 2 worker threads: the same 4 replications of the PBFT n=16
 * scenario (10 simulated s) through the runner's piscina executor. Pool start-up is inside the timing, as a user
 * pays it. The golden metrics are the replications' trace hashes, so the two entries' golden files
 * must be identical: results do not depend on the number of workers.
 */
import { performance } from 'node:perf_hooks';
import { createExecutor } from '../../src/runner/index.ts';
import { loadScenario } from '../../src/scenario/index.ts';
import type { BenchEntry, BenchRunResult } from '../harness/entry.ts';
import { REPO_ROOT } from './scenario-entry.ts';

const REPLICATIONS = 4;
const SCENARIO = `${REPO_ROOT}scenarios/pbft.yaml`;
const SETS = ['duration=10s', 'warmup=2s'];

function workersEntry(workers: number): BenchEntry {
  return {
    name: `runner.pbft_4reps_workers${workers}`,
    description: `${REPLICATIONS} replications of PBFT n=16 (10 simulated s each) on ${workers} worker thread${workers > 1 ? 's' : ''}`,
    suites: ['full'],
    async run(): Promise<BenchRunResult> {
      const { scenario } = loadScenario(SCENARIO, SETS);
      const controller = new AbortController();
      const start = performance.now();
      const executor = createExecutor(workers);
      try {
        const tasks = Array.from({ length: REPLICATIONS }, (_, r) => ({ point: 0, replication: r, seed: r + 1, scenario }));
        const results = await Promise.all(tasks.map((t) => executor.run(t, controller.signal)));
        const wallMs = performance.now() - start;
        const metrics: Record<string, string | number> = {};
        let events = 0, simulatedUs = 0;
        results.forEach((r, i) => {
          metrics[`replication_${i + 1}.trace_hash`] = r.output.traceHash;
          metrics[`replication_${i + 1}.events`] = r.output.eventsProcessed;
          events += r.output.eventsProcessed;
          simulatedUs += r.output.simulatedUs;
        });
        return { wallMs, events, simulatedSeconds: simulatedUs / 1e6, metrics };
      } finally {
        await executor.close();
      }
    },
  };
}

export const oneWorkerEntry = workersEntry(1);
export const twoWorkersEntry = workersEntry(2);
