/**
 * The runner's entry points: run a scenario (one point or a sweep grid, all replications, maybe
 * one shard of it) into a new results folder, or resume an interrupted one. Everything is
 * validated before the folder is created, so bad input writes nothing.
 */
import { loadRecordedPlugin } from '../plugins/cache.ts';
import type { PluginRef } from '../plugins/module-file.ts';
import { join } from 'node:path';
import { blameFor, checkDistinctDimensions, checkSetsNotVaried, inputError, InputError, pointOverrides, type Dimension, type LoadedScenario } from '../scenario/index.ts';
import { fieldIssuesError } from '../scenario/errors.ts';
import { pointNotices } from '../scenario/notices.ts';
import { unproducibleExpectationIssues } from '../scenario/metric-names.ts';
import { silentAttackNotices } from './silent-attacks.ts';
import { createExecutor, DEFAULT_MODEL, runsAlone, type Executor } from './executor.ts';
import { executePlan, type ExecuteResult, type Progress } from './execute.ts';
import { environment, manifestHead, type Manifest, type RunKind } from './manifest.ts';
import { atPoint, buildPoints, planTasks, type Plan, type PlanPoint } from './plan.ts';
import { planSplitsInThread, type PlannedSplits } from '../world/threads/plan-thread.ts';
import { planningNote } from '../world/threads/default-threads.ts';
import { windowFromLatenciesUs, type SplitPlan, type ThreadsProblem } from '../world/threads/run.ts';
import type { Scenario } from '../scenario/schema.ts';
import { checkResultsFolder, makeResultsFolder, readResults, type StoredResults } from './results-dir.ts';
import { checkRecordedReplications } from './records-check.ts';
import { replicationSeeds } from './seeds.ts';
import type { Shard } from './shard.ts';
import type { ModelRef } from './types.ts';

export interface ExecutionOptions {
  /** 0 runs in this thread; otherwise the size of the worker pool (one replication alone runs in this thread: executorFor). */
  readonly workers: number;
  readonly model?: ModelRef;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
  readonly checkpointMs?: number;
  /** Told each thing about the run that is valid input but worth saying (an attack that never acts), before it starts. */
  readonly onNotice?: (line: string) => void;
}

export interface ThreadsOption {
  /** Threads each replication is split over (src/world/threads/); 1 by default. */
  readonly threads?: number;
}

export interface RunRequest extends ExecutionOptions, ThreadsOption {
  readonly loaded: LoadedScenario;
  readonly dimensions?: readonly Dimension[];
  readonly shard?: Shard;
  /** The results folder; default results/<scenario>/<run-id>. */
  readonly outDir?: string;
  readonly resultsRoot?: string;
  /** The grid's points where the caller has built them (gridOf `loaded` and `dimensions`), not to build them again. */
  readonly points?: readonly PlanPoint[];
  /** Splits of `points` the caller already planned (default-threads.ts), not to plan them again. */
  readonly plannedSplits?: PlannedSplits;
}

export interface RunOutcome extends ExecuteResult {
  readonly dir: string;
  /**
   * What the finished replications say that is worth saying but no failure: each attack whose window
   * opened and that still recorded no ground truth (silent-attacks.ts), in how many replications.
   */
  readonly notices: readonly string[];
}

/** Run `plan` into `dir` on `executor`, which it closes. */
async function execute(plan: Plan, dir: string, manifest: Omit<Manifest, 'status' | 'endedAt' | 'wallMs'>, options: ExecutionOptions, executor: Executor, previous?: { finished: ExecuteResult['finished']; wallMs: number }): Promise<RunOutcome> {
  try {
    const result = await executePlan(plan, {
      dir,
      executor,
      manifest,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.checkpointMs !== undefined ? { checkpointMs: options.checkpointMs } : {}),
      ...(previous ? { previous: previous.finished, previousWallMs: previous.wallMs } : {}),
    });
    return { ...result, dir, notices: silentAttackNotices(plan.points, result.finished.map((f) => f.record)) };
  } finally {
    await executor.close();
  }
}

/** What a run will do, checked as it would be before anything is written: its points, seeds and split. */
interface CheckedRun {
  readonly points: readonly PlanPoint[];
  readonly seeds: number[];
  readonly plan: Plan;
  readonly kind: RunKind;
  readonly threads: number;
}

/** The points of `loaded`'s grid over `dimensions`, each validated, once the dimensions are checked (distinct, none also --set). */
export function gridOf(loaded: LoadedScenario, dimensions: readonly Dimension[]): PlanPoint[] {
  checkDistinctDimensions(dimensions);
  checkSetsNotVaried(dimensions.map((d) => d.key), loaded.overrides);
  return buildPoints(loaded.input, loaded.locate, dimensions);
}

function checkRun(request: RunRequest): CheckedRun {
  const { loaded } = request;
  const dimensions = request.dimensions ?? [];
  const points = request.points ?? gridOf(loaded, dimensions);
  const unproducible = unproducibleExpectationIssues(loaded.scenario.expect, points);
  if (unproducible.length > 0) throw fieldIssuesError(unproducible, loaded.locate);
  for (const line of pointNotices(points, loaded.locate)) request.onNotice?.(line);
  const threads = request.threads ?? 1;
  const seeds = replicationSeeds(loaded.scenario.seed, loaded.scenario.replications);
  const plan: Plan = { points, replicationSeeds: seeds, ...(request.shard ? { shard: request.shard } : {}), ...(threads > 1 ? { threads } : {}) };
  checkResultsFolder(request, `a folder that holds no results yet (complete an interrupted run with --resume ${request.outDir})`);
  return { points, seeds, plan, kind: dimensions.length > 0 ? 'sweep' : 'run', threads };
}

/** A run planned and checked but not started (`--dry-run`): nothing is run or written. */
export interface DryRun {
  readonly kind: RunKind;
  /** Each point's parameters, in task order ({} for a run without --vary). */
  readonly points: readonly Readonly<Record<string, unknown>>[];
  readonly replicationSeeds: readonly number[];
  /** Replications this invocation would run (its shard's share of points × seeds). */
  readonly tasks: number;
  readonly workers: number;
  readonly threads: number;
  /** Each point's simulated time and warm-up, in task order (a sweep may vary them). */
  readonly durationsUs: readonly number[];
  readonly warmupsUs: readonly number[];
}

/** Everything runScenario checks before it writes (the grid, the notices, --out, the split), then stop. */
export async function dryRun(request: RunRequest): Promise<DryRun> {
  const checked = checkRun(request);
  if (checked.threads > 1) await checkThreads(checked.points, request.loaded, checked.threads, request.onNotice, request.plannedSplits);
  return {
    kind: checked.kind,
    points: checked.points.map((p) => p.parameters),
    replicationSeeds: checked.seeds,
    tasks: planTasks(checked.plan).length,
    workers: request.workers,
    threads: checked.threads,
    durationsUs: checked.points.map((p) => p.scenario.duration),
    warmupsUs: checked.points.map((p) => p.scenario.warmup),
  };
}

export async function runScenario(request: RunRequest): Promise<RunOutcome> {
  const { loaded } = request;
  const dimensions = request.dimensions ?? [];
  const { points, seeds, plan, kind, threads } = checkRun(request);
  const now = new Date();
  const manifest: Omit<Manifest, 'status' | 'endedAt' | 'wallMs'> = {
    ...manifestHead(kind, loaded, seeds),
    ...(dimensions.length > 0 ? { sweep: { dimensions } } : {}),
    ...(request.shard ? { shard: request.shard } : {}),
    ...(threads > 1 ? { threads } : {}),
    workers: request.workers,
    ...environment(),
    startedAt: now.toISOString(),
  };
  // The pool's threads start (a few hundred ms: a thread, the model's modules) while the split is
  // planned in a thread of its own (as long again), not after it.
  const executor = executorFor(planTasks(plan).length, threads, request);
  let dir: string;
  try {
    if (threads > 1) await checkThreads(points, loaded, threads, request.onNotice, request.plannedSplits);
    // Made last, once nothing else can refuse the run.
    dir = makeResultsFolder(request, loaded.scenario.name, kind === 'sweep' ? 'sweep-' : '', loaded.scenario.seed, now);
  } catch (err) {
    await executor.close();
    throw err;
  }
  return execute(plan, dir, manifest, request, executor);
}

/**
 * Refuse, before anything is written, a split over threads that some point cannot take, blamed and
 * named as the point's other problems are (buildPoints): on the --vary value, --set or line it
 * came from, with the point it is at. A long planning is said to `onNotice` first. Splits `planned`
 * already over `threads` (the default count's, default-threads.ts) are reused, not planned again.
 */
export async function checkThreads(points: readonly PlanPoint[], loaded: LoadedScenario, threads: number, onNotice?: (line: string) => void, planned?: PlannedSplits): Promise<void> {
  // A point whose latencies give it a window splits; the others are planned in full (their worlds
  // built), which finds the rest's problems and names the field at fault.
  const unsettled = points.filter((p) => (windowFromLatenciesUs(p.scenario, threads) ?? 0) < 1);
  const splits = new Map<Scenario, SplitPlan | { readonly problem: ThreadsProblem }>(planned?.threads === threads ? planned.splits : []);
  const toPlan = unsettled.map((p) => p.scenario).filter((s) => !splits.has(s));
  if (toPlan.length > 0) {
    const note = planningNote(toPlan, threads);
    if (note !== undefined) onNotice?.(note);
    for (const [i, split] of (await planSplitsInThread(toPlan, threads)).entries()) splits.set(toPlan[i]!, split);
  }
  for (const { scenario, parameters } of unsettled) {
    const split = splits.get(scenario)!;
    if (!('problem' in split)) continue;
    const { path, expected, found, blamed } = split.problem;
    const source = blameFor(loaded.locate, pointOverrides(parameters))(blamed ?? path.split('.'));
    throw new InputError([atPoint({ source, path, expected, found }, parameters)]);
  }
}

/** A results folder checked for `--resume`: what it holds, the plan it was run with, and what is left. */
export interface CheckedResume {
  readonly dir: string;
  readonly stored: StoredResults;
  readonly plan: Plan;
  /** Replications still to run (not recorded, or failed). */
  readonly pending: number;
  /** A complete folder, every replication recorded: nothing to resume. */
  readonly complete: boolean;
}

/**
 * Everything `--resume` checks before it runs or writes anything, so a folder it refuses is left as
 * it was: the files against the manifest's records, the manifest's fields (results-dir.ts), the
 * plug-in modules the scenario recorded (each still there and unchanged), the scenario input, and
 * the replications recorded against the plan.
 */
export async function checkResume(dir: string): Promise<CheckedResume> {
  const stored = readResults(dir);
  const m = stored.manifest;
  const file = join(dir, 'manifest.json');
  if (m.kind === 'size') throw inputError(file, 'kind', "a 'run' or 'sweep' results folder (a size search cannot be resumed; run it again)", "'size'");
  const refs = (m.scenarioInput['plugins'] ?? []) as readonly PluginRef[];
  for (const [i, ref] of refs.entries()) {
    const problem = await loadRecordedPlugin(ref);
    if (problem !== undefined) throw inputError(file, `scenarioInput.plugins.${i}.${problem.field}`, problem.expected, problem.found);
  }
  const points = buildPoints(m.scenarioInput, () => file, m.sweep?.dimensions ?? []);
  const plan: Plan = { points, replicationSeeds: m.replicationSeeds, ...(m.shard ? { shard: m.shard } : {}), ...(m.threads !== undefined ? { threads: m.threads } : {}) };
  const pending = checkRecordedReplications(dir, stored, plan);
  return { dir, stored, plan, pending, complete: m.status === 'complete' };
}

/** Complete an interrupted (or failed) run in place; the result equals an uninterrupted run. */
export async function resumeRun(dir: string, options: ExecutionOptions): Promise<RunOutcome> {
  const { stored, plan, pending, complete } = await checkResume(dir);
  if (complete) throw inputError(join(dir, 'manifest.json'), 'status', "an interrupted, running or failed run (a complete one has nothing to resume)", "'complete'");
  const m = stored.manifest;
  const { status: _status, endedAt: _endedAt, wallMs, ...manifest } = m;
  return execute(plan, dir, { ...manifest, workers: options.workers }, options, executorFor(pending, m.threads ?? 1, options), { finished: stored.finished, wallMs });
}

/** The pool the options ask for, or this thread for a replication alone (executor.ts: runsAlone). */
function executorFor(tasks: number, threads: number, options: ExecutionOptions): Executor {
  const model = options.model ?? DEFAULT_MODEL;
  return createExecutor(runsAlone(tasks, threads, options.workers, model) ? 0 : options.workers, model);
}
