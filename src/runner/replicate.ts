/**
 * One replication as a worker or the in-thread executor runs it: the model's simulate function,
 * or, for a task split over threads, the default model's threaded run (src/world/threads/).
 */
import type { RunOutput } from '../metrics/types.ts';
import { simulateOnThreads } from '../world/threads/run.ts';
import { boardWatch } from './size-early-stop.ts';
import type { ModelRef, ReplicationTask, SimulateFn } from './types.ts';

/** The real model dispatcher (simulate.ts). */
export const DEFAULT_MODEL: ModelRef = { module: new URL('./simulate.ts', import.meta.url).href, exportName: 'simulate' };

export async function replicate(task: ReplicationTask, model: ModelRef, simulate: SimulateFn): Promise<RunOutput> {
  const threads = task.threads ?? 1;
  const watch = task.watch === undefined ? undefined : boardWatch(task.watch);
  if (threads === 1) return simulate(task.scenario, task.seed, watch);
  if (model.module !== DEFAULT_MODEL.module) throw new RangeError(`--threads: only the built-in model runs split over threads (found the model ${model.module})`);
  // Split over threads, a replication is watched (size's progress and early stop) at the same
  // simulated times, with the same reports, as on one thread; a run's progress line waits for its end.
  return simulateOnThreads(task.scenario, task.seed, threads, watch);
}
