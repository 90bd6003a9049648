/**
 * Runs seeds on the runner's executor (in this thread, or a pool of worker threads as replications
 * run) and collects each seed's verdict. Seeds start in order; with `stopAtFirstFailure` no seed
 * after a failing one starts, and the seeds before it still finish, so the first failing seed
 * reported is the same for any number of workers. With `threads` > 1 each seed that can split runs
 * again split over that many threads (src/world/threads/), and a different output is a failure.
 */
import { ensurePlugins } from '../plugins/cache.ts';
import { describeError } from '../runner/run-tasks.ts';
import { createExecutor, type Executor } from '../runner/executor.ts';
import type { ReplicationTask } from '../runner/types.ts';
import { attacksThatSplit, planSplit } from '../world/threads/run.ts';
import type { RunOutput } from '../metrics/types.ts';
import type { Scenario } from '../scenario/index.ts';
import { deriveCase, type FuzzCase, type NodeRange } from './derive.ts';
import { scenarioOf } from './scenario-file.ts';
import type { FuzzTarget } from './target.ts';
import { crashVerdict, divergenceOf, divergenceVerdict, verdictOf, type SeedVerdict } from './verdict.ts';

export interface FuzzRequest {
  readonly target: FuzzTarget;
  readonly seeds: readonly number[];
  readonly nodes: NodeRange;
  readonly beyond: boolean;
  /** 0 runs in this thread. */
  readonly workers: number;
  /** Also run each seed split over this many threads and compare (1 or absent: no comparison). */
  readonly threads?: number;
  readonly stopAtFirstFailure: boolean;
  readonly signal?: AbortSignal;
  readonly onSeed?: (result: SeedResult) => void;
}

export interface SeedResult {
  readonly case: FuzzCase;
  readonly verdict: SeedVerdict;
  /** The run's trace hash (empty for a crash): equal runs, equal hashes. */
  readonly traceHash: string;
  /** Simulated time the run reached (0 for a crash). */
  readonly simulatedUs: number;
  readonly wallMs: number;
  /** With `threads` > 1: 'compared', or why the seed's world cannot split (field: what was found). */
  readonly split?: string;
}

export interface FuzzOutcome {
  /** Every seed that ran, in seed order. */
  readonly results: readonly SeedResult[];
  readonly interrupted: boolean;
}

export async function runFuzz(request: FuzzRequest): Promise<FuzzOutcome> {
  // Derive and validate every case before anything runs: bad input writes and runs nothing.
  const cases: { c: FuzzCase; scenario: Scenario }[] = [];
  for (const seed of request.seeds) {
    const c = deriveCase(request.target, seed, request.nodes, request.beyond);
    cases.push({ c, scenario: await scenarioOf(c, `${c.input['name'] as string} (derived by iomtsim fuzz)`) });
  }
  const executor = createExecutor(request.workers);
  const threads = request.threads ?? 1;
  const results = new Array<SeedResult | undefined>(cases.length);
  const signal = request.signal ?? new AbortController().signal;
  let firstFailure = Infinity;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length && !signal.aborted && next < firstFailure) {
      const k = next++;
      const { c, scenario } = cases[k]!;
      let result: SeedResult;
      try {
        const task: ReplicationTask = { point: 0, replication: k, seed: scenario.seed, scenario };
        const done = await executor.run(task, signal);
        result = { case: c, verdict: verdictOf(done.output), traceHash: done.output.traceHash, simulatedUs: done.output.simulatedUs, wallMs: done.wallMs };
        if (threads > 1) result = await compareSplit(result, done.output, task, threads, executor, signal);
      } catch (err) {
        if (signal.aborted) return;
        result = { case: c, verdict: crashVerdict(describeError(err)), traceHash: '', simulatedUs: 0, wallMs: 0 };
      }
      results[k] = result;
      if (result.verdict.kind !== 'pass' && request.stopAtFirstFailure) firstFailure = Math.min(firstFailure, k);
      request.onSeed?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.concurrency, cases.length)) }, lane));
  } finally {
    await executor.close();
  }
  const ran = results.filter((r, k): r is SeedResult => r !== undefined && k <= firstFailure);
  return { results: ran, interrupted: signal.aborted };
}

/**
 * Run the seed again split over `threads` threads and compare. Attacks that cannot split (those
 * that follow the leader: they react at once to a view change anywhere, which a thread learns of
 * only at the end of a window) are left out of both runs compared, so the split engine meets every
 * protocol and configuration the fuzzer draws; a seed whose world cannot split at all is tallied
 * with the reason. A different output is a divergence, reported on the case that was compared.
 */
async function compareSplit(result: SeedResult, one: RunOutput, task: ReplicationTask, threads: number, executor: Executor, signal: AbortSignal): Promise<SeedResult> {
  await ensurePlugins(task.scenario.plugins);
  const splits = attacksThatSplit(task.scenario);
  const dropped = task.scenario.attacks.filter((_, i) => !splits[i]).map(attackName);
  const c = dropped.length === 0 ? result.case : { ...result.case, input: { ...result.case.input, attacks: (result.case.input['attacks'] as unknown[]).filter((_, i) => splits[i]) } };
  const scenario = dropped.length === 0 ? task.scenario : await scenarioOf(c, `${c.input['name'] as string} (derived by iomtsim fuzz, without ${dropped.join(', ')})`);
  const plan = planSplit(scenario, task.seed, threads);
  if ('problem' in plan) return { ...result, split: `${plan.problem.path}: ${plan.problem.found}` };
  const compared = { ...result, split: dropped.length === 0 ? 'compared' : `compared without ${dropped.join(', ')}` };
  const reference = dropped.length === 0 ? { output: one, wallMs: 0 } : await executor.run({ ...task, scenario }, signal);
  let split;
  try {
    split = await executor.run({ ...task, scenario, threads }, signal);
  } catch (err) {
    if (signal.aborted) throw err;
    return { ...compared, case: c, verdict: divergenceVerdict(result.verdict, [`the run split over ${threads} threads failed: ${describeError(err)}`]) };
  }
  const differences = divergenceOf(reference.output, split.output, threads);
  const timed = { ...compared, wallMs: result.wallMs + reference.wallMs + split.wallMs };
  return differences.length === 0 ? timed : { ...timed, case: c, verdict: divergenceVerdict(verdictOf(reference.output), differences) };
}

function attackName(a: Scenario['attacks'][number]): string {
  return a.type === 'crash' && (a as { readonly replicas?: unknown }).replicas === 'leader' ? 'crash of the leader' : a.type;
}
