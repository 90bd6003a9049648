/**
 * Executes a plan into a results folder: runs the tasks not yet finished, checkpoints the files
 * every few seconds (so a killed run keeps its work), and writes the final files with the status:
 * complete, failed (some replication threw; the others completed), or interrupted (aborted; what
 * finished is kept and `--resume` completes it).
 */
import { performance } from 'node:perf_hooks';
import type { Executor } from './executor.ts';
import type { Manifest } from './manifest.ts';
import { pendingTasks, type Plan } from './plan.ts';
import { ensureDir, writeResultFiles } from './results-dir.ts';
import { runTasks } from './run-tasks.ts';
import { RunningProgress } from './running-progress.ts';
import { buildSummary, compareRecords, type RunStatus, type Summary } from './summary.ts';
import type { FinishedReplication, ReplicationFailure, ReplicationTask, TaskResult } from './types.ts';

export interface Progress {
  /** Replications finished so far, including those kept from an earlier attempt. */
  readonly done: number;
  /** Of `done`, how many an earlier (interrupted) attempt finished; the ETA leaves them out. */
  readonly doneBefore: number;
  readonly failed: number;
  readonly total: number;
  /** Simulated time of the replications finished in this attempt and reached by those running. */
  readonly simulatedUs: number;
  /** Simulated time this attempt's replications will reach in all (their scenarios' durations), where known. */
  readonly simulatedTotalUs?: number;
  readonly elapsedMs: number;
}

export interface ExecuteOptions {
  readonly dir: string;
  readonly executor: Executor;
  /** The manifest to write, without status and times (filled in here). */
  readonly manifest: Omit<Manifest, 'status' | 'endedAt' | 'wallMs'>;
  readonly signal?: AbortSignal;
  /** Replications finished by an earlier, interrupted attempt (--resume). */
  readonly previous?: readonly FinishedReplication[];
  /** Wall time already spent by earlier attempts. */
  readonly previousWallMs?: number;
  readonly onProgress?: (progress: Progress) => void;
  readonly checkpointMs?: number;
}

export interface ExecuteResult {
  readonly status: RunStatus;
  readonly summary: Summary;
  readonly manifest: Manifest;
  readonly finished: readonly FinishedReplication[];
}

export function toFinished(plan: Plan, task: ReplicationTask, result: TaskResult): FinishedReplication {
  const o = result.output;
  return {
    record: {
      point: task.point,
      parameters: plan.points[task.point]!.parameters,
      replication: task.replication,
      seed: task.seed,
      metrics: o.metrics,
      checks: o.checks,
      traceHash: o.traceHash,
      eventsProcessed: o.eventsProcessed,
      simulatedUs: o.simulatedUs,
      wallMs: result.wallMs,
      ...(o.distributions === undefined ? {} : { distributions: o.distributions }),
      ...(o.attackLabels === undefined ? {} : { attackLabels: o.attackLabels }),
    },
    timeseries: o.timeseries,
  };
}

const PROGRESS_POLL_MS = 1_000;

export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ExecuteResult> {
  const started = performance.now();
  const signal = options.signal ?? new AbortController().signal;
  const finished: FinishedReplication[] = [...(options.previous ?? [])];
  const failures: ReplicationFailure[] = [];
  const pending = pendingTasks(plan, finished);
  const running = new RunningProgress(pending.length);
  const tasks = pending.map((t, row) => running.watched(t, row));
  const total = finished.length + tasks.length;
  const simulatedTotalUs = tasks.reduce((sum, t) => sum + t.scenario.duration, 0);
  let simulatedUs = 0;

  const write = (status: RunStatus): { summary: Summary; manifest: Manifest } => {
    const summary = buildSummary(options.manifest.scenario.name, status, plan.points, finished.map((f) => f.record), failures);
    const wallMs = (options.previousWallMs ?? 0) + Math.round(performance.now() - started);
    const endedAt = status === 'running' ? null : new Date().toISOString();
    const manifest: Manifest = { ...options.manifest, status, endedAt, wallMs };
    writeResultFiles(options.dir, manifest, summary, finished);
    return { summary, manifest };
  };
  const doneBefore = finished.length;
  const report = (): void => options.onProgress?.({
    done: finished.length, doneBefore, failed: failures.length, total, simulatedUs: simulatedUs + running.runningUs(), simulatedTotalUs, elapsedMs: performance.now() - started,
  });

  ensureDir(options.dir);
  write('running');
  report();
  // Checkpoints rewrite every file; for big runs, space them so writing stays under ~10 % of the time.
  let lastCheckpoint = performance.now();
  let checkpointCostMs = 0;
  // A long replication moves the progress line between finishes too.
  const ticker = setInterval(report, PROGRESS_POLL_MS);
  ticker.unref();
  const completed = await runTasks(tasks, options.executor, signal, {
    onFinished(task, result) {
      finished.push(toFinished(plan, task, result));
      running.ended(task.watch!.row);
      simulatedUs += result.output.simulatedUs;
      report();
      if (performance.now() - lastCheckpoint >= Math.max(options.checkpointMs ?? 2_000, 10 * checkpointCostMs)) {
        const before = performance.now();
        write('running');
        lastCheckpoint = performance.now();
        checkpointCostMs = lastCheckpoint - before;
      }
    },
    onFailed(task, error) {
      failures.push({ point: task.point, replication: task.replication, seed: task.seed, error });
      running.ended(task.watch!.row);
      report();
    },
  });
  clearInterval(ticker);
  const status: RunStatus = !completed ? 'interrupted' : failures.length > 0 ? 'failed' : 'complete';
  finished.sort((a, b) => compareRecords(a.record, b.record));
  return { status, ...write(status), finished };
}
