/**
 * A world built and not yet run: its engine, the end of the time it runs, and what reads its output
 * once the engine has stopped there (or earlier, at `stop()`). The run covers [0, endUs): the events
 * due at `endUs` itself never run (Engine.runBefore). Running to successive ends processes the same
 * events in the same order as one run to the last, so a caller may run the engine in one call
 * (`runPrepared`) or in slices, giving the thread back between them.
 */
import type { Engine } from './engine.ts';

export interface PreparedRun<T> {
  readonly engine: Engine;
  /** Where the run ends (exclusive: a scenario's duration). */
  readonly endUs: number;
  finish(): T;
}

/** The same run, its output passed through `f` (a caller that judges or reshapes what `finish` reads). */
export function mapPrepared<T, U>(prepared: PreparedRun<T>, f: (output: T) => U): PreparedRun<U> {
  return { engine: prepared.engine, endUs: prepared.endUs, finish: () => f(prepared.finish()) };
}

/** Run to the end in one call and read the output. */
export function runPrepared<T>(prepared: PreparedRun<T>): T {
  prepared.engine.runBefore(prepared.endUs);
  return prepared.finish();
}
