/**
 * A world built and not yet run: its engine, the horizon it runs to, and what reads its output
 * once the engine has stopped there (or earlier, at `stop()`). Running to successive horizons
 * processes the same events in the same order as one run to the last, so a caller may run the
 * engine in one call (`runPrepared`) or in slices, giving the thread back between them.
 */
import type { Engine } from './engine.ts';

export interface PreparedRun<T> {
  readonly engine: Engine;
  readonly endUs: number;
  finish(): T;
}

/** The same run, its output passed through `f` (a caller that judges or reshapes what `finish` reads). */
export function mapPrepared<T, U>(prepared: PreparedRun<T>, f: (output: T) => U): PreparedRun<U> {
  return { engine: prepared.engine, endUs: prepared.endUs, finish: () => f(prepared.finish()) };
}

/** Run to the horizon in one call and read the output. */
export function runPrepared<T>(prepared: PreparedRun<T>): T {
  prepared.engine.run(prepared.endUs);
  return prepared.finish();
}
