/**
 * Where replications run: in this thread (workers = 0; used by tests and as a reference), or on a
 * piscina pool of W worker threads. Both run the same model function on the same plain-JSON task,
 * so their results are identical; only the wall clock differs.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { threadEntry } from '../plugins/compiled.ts';
import { loadModel } from './load-model.ts';
import { ensurePlugins } from '../plugins/cache.ts';
import { DEFAULT_MODEL, replicate } from './replicate.ts';
import type { ModelRef, ReplicationTask, TaskResult } from './types.ts';

export interface Executor {
  /** Tasks worth keeping in flight at once. */
  readonly concurrency: number;
  run(task: ReplicationTask, signal: AbortSignal): Promise<TaskResult>;
  close(): Promise<void>;
}

export { DEFAULT_MODEL };

export function defaultWorkerCount(): number {
  return availableParallelism();
}

class InThreadExecutor implements Executor {
  readonly concurrency = 1;
  constructor(private readonly model: ModelRef) {}

  async run(task: ReplicationTask, signal: AbortSignal): Promise<TaskResult> {
    // Yield first so signals (Ctrl-C) and progress get a turn between replications.
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    const simulate = await loadModel(this.model);
    await ensurePlugins(task.scenario.plugins);
    const started = performance.now();
    const output = await replicate(task, this.model, simulate);
    return { output, wallMs: Math.round(performance.now() - started) };
  }

  async close(): Promise<void> {}
}

/** Semi-space of each worker's young generation, MB (see the pool's resourceLimits). */
const WORKER_SEMI_SPACE_MB = 16;

class PoolExecutor implements Executor {
  readonly concurrency: number;
  private readonly pool: Piscina;
  constructor(private readonly model: ModelRef, workers: number) {
    this.concurrency = workers;
    // From the bundle, the worker starts from its compiled entry with no TypeScript loader
    // (plugins/compiled.ts); from source, through tsx.
    const entry = threadEntry(new URL('./worker.ts', import.meta.url).href);
    this.pool = new Piscina({
      filename: entry.url,
      execArgv: entry.execArgv,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: 1,
      // 16 MB semi-spaces (young generation = 3 × semi-space in V8). 64 MB had cut scavenges in
      // hospital.yaml by two thirds, but measured again on the leaner model it gains no time
      // (hospital.yaml 10 simulated min: 7.7 s at 64, 7.6 s at 16, medians of 2 alternating) and
      // costs peak memory (PBFT n = 16, 10 simulated min, from source: 530 MB at 64, 378 MB at 16).
      resourceLimits: { maxYoungGenerationSizeMb: 3 * WORKER_SEMI_SPACE_MB },
      // Replications are CPU-bound and long; keep workers alive for the whole run.
      idleTimeout: 60_000,
    });
  }

  run(task: ReplicationTask, signal: AbortSignal): Promise<TaskResult> {
    return this.pool.run({ ...task, model: this.model }, { signal }) as Promise<TaskResult>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** `workers = 0` runs in this thread; otherwise a pool of that many worker threads. */
export function createExecutor(workers: number, model: ModelRef = DEFAULT_MODEL): Executor {
  return workers === 0 ? new InThreadExecutor(model) : new PoolExecutor(model, workers);
}
