/**
 * Where replications run: in this thread (workers = 0: a run of one replication, tests), or on a
 * piscina pool of W worker threads. Both run the same model on the same plain-JSON task, so their
 * results are identical; only the wall clock differs. In this thread the built-in model runs in
 * slices that give the thread back (sliced-run.ts), so Ctrl-C and progress work during a run.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { threadEntry } from '../plugins/compiled.ts';
import { loadFunction, loadModel } from './load-model.ts';
import { ensurePlugins } from '../plugins/cache.ts';
import { DEFAULT_MODEL, replicate } from './replicate.ts';
import { boardWatch } from './size-early-stop.ts';
import { runInSlices } from './sliced-run.ts';
import type { PreparedRun } from '../../sim/index.ts';
import type { RunOutput } from '../metrics/types.ts';
import type { Scenario } from '../scenario/index.ts';
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
    await ensurePlugins(task.scenario.plugins);
    if (this.runsInSlices(task)) {
      const prepare = (await loadFunction({ module: DEFAULT_MODEL.module, exportName: 'prepareSimulation' })) as (scenario: Scenario, seed: number) => PreparedRun<RunOutput>;
      const started = performance.now();
      // A run's watch only posts how far it has got (the progress line); the slices post it instead.
      const watch = task.watch === undefined ? undefined : boardWatch(task.watch);
      const onSlice = watch === undefined ? undefined : (simulatedUs: number) => void watch.onInterim({ simulatedUs, metrics: {} });
      const output = await runInSlices(prepare(task.scenario, task.seed), { signal, ...(onSlice === undefined ? {} : { onSlice }) });
      return { output, wallMs: Math.round(performance.now() - started) };
    }
    const simulate = await loadModel(this.model);
    const started = performance.now();
    const output = await replicate(task, this.model, simulate);
    return { output, wallMs: Math.round(performance.now() - started) };
  }

  /** The built-in model on one thread, with no SLOs to judge as it goes (those of `size`). */
  private runsInSlices(task: ReplicationTask): boolean {
    return isDefaultModel(this.model) && (task.threads ?? 1) === 1 && (task.watch === undefined || task.watch.slos.length === 0);
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

/**
 * Whether a run goes in this thread instead of a pool of one worker: one replication of the
 * built-in model, not split over threads. A worker would cost its start (about 0.1 s) and a second
 * copy of the modules and heap (60 MB on scenarios/simblock.yaml) while this thread only waited.
 */
export function runsAlone(tasks: number, threads: number, workers: number, model: ModelRef): boolean {
  return tasks === 1 && threads === 1 && workers === 1 && isDefaultModel(model);
}

function isDefaultModel(model: ModelRef): boolean {
  return model.module === DEFAULT_MODEL.module && model.exportName === DEFAULT_MODEL.exportName;
}

/** `workers = 0` runs in this thread; otherwise a pool of that many worker threads. */
export function createExecutor(workers: number, model: ModelRef = DEFAULT_MODEL): Executor {
  return workers === 0 ? new InThreadExecutor(model) : new PoolExecutor(model, workers);
}
