/**
 * Runs a list of replication tasks on an executor, keeping `executor.concurrency` in flight. A task
 * that throws, or whose worker dies, is reported through `onFailed` with its error and the rest go
 * on. When `signal` aborts (Ctrl-C), no new task starts and in-flight ones are abandoned: the
 * caller keeps what finished.
 */
import type { Executor } from './executor.ts';
import type { ReplicationTask, TaskResult } from './types.ts';

export interface TaskHooks {
  onFinished(task: ReplicationTask, result: TaskResult): void;
  onFailed(task: ReplicationTask, error: string): void;
}

/** The error's name and message, and where in this project it was thrown, on one line. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const text = err.message === '' ? err.name : `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}`;
  // The pool's own frames (a worker that died) say nothing about the model; skip them.
  const frame = err.stack?.split('\n').map((line) => line.trim()).find((line) => line.startsWith('at ') && !line.includes('node_modules') && !line.includes('(node:'));
  return frame ? `${text} (${frame})` : text;
}

/** Resolves to true when every task ran (finished or failed), false when interrupted. */
export async function runTasks(tasks: readonly ReplicationTask[], executor: Executor, signal: AbortSignal, hooks: TaskHooks): Promise<boolean> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !signal.aborted) {
      const task = tasks[next++]!;
      try {
        const result = await executor.run(task, signal);
        hooks.onFinished(task, result);
      } catch (err) {
        // An abandoned task is not a failure: it simply did not finish.
        if (signal.aborted) return;
        hooks.onFailed(task, describeError(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(executor.concurrency, tasks.length)) }, lane));
  return !signal.aborted;
}
