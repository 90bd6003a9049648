/**
 * The worker thread's entry (piscina): one plain-JSON task in, one plain-JSON result out. The
 * wall clock is read here only to report how long the replication took; it never reaches the model.
 */
import { performance } from 'node:perf_hooks';
import { loadModel } from './load-model.ts';
import { ensurePlugins } from '../plugins/cache.ts';
import { replicate } from './replicate.ts';
import type { TaskResult, WorkerTask } from './types.ts';

export default async function runWorkerTask(task: WorkerTask): Promise<TaskResult> {
  const simulate = await loadModel(task.model);
  await ensurePlugins(task.scenario.plugins);
  const started = performance.now();
  const output = await replicate(task, task.model, simulate);
  return { output, wallMs: Math.round(performance.now() - started) };
}
