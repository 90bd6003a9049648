/**
 * The thread in which the main thread plans its splits (src/world/threads/plan-thread.ts): builds
 * each scenario's world, plans its split, posts the plans and ends, and with it goes the memory of
 * the worlds it built.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ensurePlugins } from '../../plugins/cache.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { planSplit, type SplitPlan, type ThreadsProblem } from './run.ts';

export interface PlanThreadData {
  readonly scenarios: readonly Scenario[];
  readonly threads: number;
}

export type PlanThreadReply = { readonly kind: 'plans'; readonly plans: (SplitPlan | { readonly problem: ThreadsProblem })[] } | { readonly kind: 'failed'; readonly message: string };

async function plans(): Promise<PlanThreadReply> {
  const { scenarios, threads } = workerData as PlanThreadData;
  const out: (SplitPlan | { readonly problem: ThreadsProblem })[] = [];
  for (const scenario of scenarios) {
    await ensurePlugins(scenario.plugins);
    out.push(planSplit(scenario, scenario.seed, threads));
  }
  return { kind: 'plans', plans: out };
}

plans().then(
  (reply) => parentPort!.postMessage(reply),
  (err: unknown) => parentPort!.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies PlanThreadReply),
);
