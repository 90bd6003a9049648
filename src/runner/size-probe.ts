/**
 * One probe of `iomtsim size`: every replication of one value, each watched through the probe's
 * board (probe-board.ts), and stopped once the probe has failed for good (size-early-stop.ts).
 *
 * What is kept does not depend on timing, so a probe's records are the same with any number of
 * workers: replication r decides only on its own evidence (its own lower bound, the others
 * counted as 0), at a simulated time its own run decides, or at its end (its final values, and an
 * SLO metric it left undefined). The smallest replication
 * that decides, r*, ends the probe: replications after r* are skipped, or stopped and dropped if
 * already running; those before r* run to their end and are kept; r* is kept when it decided at
 * its end, and otherwise only its evidence is (its metrics would be those of a shorter run). The
 * last replication deciding at its end stopped nothing: the probe is judged on all of them.
 */
import type { Executor } from './executor.ts';
import { describeError } from './run-tasks.ts';
import { ProbeBoard, ROW_FINISHED, ROW_RUNNING } from './probe-board.ts';
import { rowFailure, type EarlyFailure, type WatchedSlo } from './size-early-stop.ts';
import type { ReplicationTask, TaskResult } from './types.ts';

/** The replication whose evidence decided, and how far it had run. */
export type EarlyStop = EarlyFailure & { readonly replication: number; readonly atUs: number };

export interface ProbeOutcome {
  /** Replications kept (ran to their end), in replication order. */
  readonly finished: readonly { readonly task: ReplicationTask; readonly result: TaskResult }[];
  readonly failed: readonly { readonly task: ReplicationTask; readonly error: string }[];
  readonly early?: EarlyStop;
  /** False when interrupted. */
  readonly completed: boolean;
}

export interface ProbeRequest {
  readonly tasks: readonly ReplicationTask[];
  readonly slos: readonly WatchedSlo[];
  readonly everyUs: number;
  readonly executor: Executor;
  readonly signal: AbortSignal;
  /** The probe's board, for progress (created here when absent). */
  readonly board?: ProbeBoard;
  onReplicationDone?(task: ReplicationTask, result: TaskResult): void;
}

export async function runProbe(request: ProbeRequest): Promise<ProbeOutcome> {
  const { tasks, slos, executor, signal } = request;
  const n = tasks.length;
  const board = request.board ?? ProbeBoard.create(n, slos.length);
  const results = new Map<number, TaskResult>();
  const failed: { task: ReplicationTask; error: string }[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < n && !signal.aborted && next < board.stopFrom) {
      const r = next++;
      const task: ReplicationTask = { ...tasks[r]!, watch: { board: board.shared, replications: n, row: r, everyUs: request.everyUs, slos } };
      board.write(r, { state: ROW_RUNNING, simulatedUs: 0, now: [], atLeast: [] });
      try {
        const result = await executor.run(task, signal);
        const durationUs = task.scenario.duration;
        if (result.output.simulatedUs < durationUs) continue; // stopped early: its row holds the evidence
        const final = slos.map((s) => result.output.metrics[s.metric]?.value ?? NaN);
        const boundedBefore = board.read(r).atLeast;
        // A finished run decides on its final values: those its own run bounded (never negative), and any left undefined.
        board.write(r, { state: ROW_FINISHED, simulatedUs: result.output.simulatedUs, now: final, atLeast: final.map((v, k) => (Number.isFinite(boundedBefore[k]) ? v : NaN)) });
        if (rowFailure(slos, board.read(r), n) !== undefined) board.lowerStopFrom(r);
        results.set(r, result);
        request.onReplicationDone?.(tasks[r]!, result);
      } catch (err) {
        if (signal.aborted) return;
        failed.push({ task: tasks[r]!, error: describeError(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.concurrency, n)) }, lane));
  const stopFrom = board.stopFrom;
  const deciderRow = stopFrom < n ? board.read(stopFrom) : undefined;
  // The last replication deciding at its end cut nothing short: every replication ran, judged in full.
  const decider = deciderRow !== undefined && (stopFrom < n - 1 || deciderRow.state !== ROW_FINISHED) ? deciderRow : undefined;
  const decided = decider === undefined ? undefined : rowFailure(slos, decider, n);
  const early = decided === undefined ? undefined : { ...decided, replication: stopFrom, atUs: decider!.simulatedUs };
  // Kept: the replications that ran to their end up to the one that decided (all when none did).
  const finished = [...results].filter(([r]) => r <= stopFrom).sort(([a], [b]) => a - b).map(([r, result]) => ({ task: tasks[r]!, result }));
  return { finished, failed: failed.filter((f) => f.task.replication < stopFrom), ...(early === undefined ? {} : { early }), completed: !signal.aborted };
}
