/**
 * Plans splits over threads (`planSplit`) in a thread of its own. Planning builds each scenario's
 * whole world; built in the main thread, which then idles through the run and so collects nothing,
 * regional.yaml's world stayed in memory to the end (about 200 MB of a two-thread run's 1.35 GB).
 * A thread's memory goes back when it ends.
 */
import { Worker } from 'node:worker_threads';
import { threadEntry } from '../../plugins/compiled.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { PlanThreadData, PlanThreadReply } from './plan-worker.ts';
import type { SplitPlan, ThreadsProblem } from './run.ts';

const WORKER_SOURCE = new URL('./plan-worker.ts', import.meta.url).href;

/**
 * Splits already planned over `threads` threads, by the scenario planned (the object itself), so
 * that a later check of the same points reuses them instead of building each world again.
 */
export interface PlannedSplits {
  readonly threads: number;
  readonly splits: ReadonlyMap<Scenario, SplitPlan | { readonly problem: ThreadsProblem }>;
}

/** `planSplit(scenario, scenario.seed, threads)` for each scenario, in order. */
export async function planSplitsInThread(scenarios: readonly Scenario[], threads: number): Promise<(SplitPlan | { readonly problem: ThreadsProblem })[]> {
  const entry = threadEntry(WORKER_SOURCE);
  const data: PlanThreadData = { scenarios, threads };
  const worker = new Worker(new URL(entry.url), { workerData: data, execArgv: entry.execArgv });
  try {
    const reply = await new Promise<PlanThreadReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the thread planning the split exited (code ${code}) before replying`)));
    });
    if (reply.kind === 'failed') throw new Error(reply.message);
    return reply.plans;
  } finally {
    await worker.terminate();
  }
}
