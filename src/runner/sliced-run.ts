/**
 * Runs a prepared world in this thread in slices of simulated time, giving the thread back between
 * them, so that Ctrl-C, the progress line and checkpoints keep working while one replication runs
 * where the command runs (no worker thread to start, no second copy of the modules and heap).
 *
 * The wall clock only sizes the slices (about SLICE_TARGET_MS each); it never reaches the model,
 * and where the slices end does not change the run: each slice runs the events before its horizon
 * (Engine.runBefore), so successive horizons process the same events in the same order as one run
 * to the last, which leaves those at the end itself unprocessed (sim/prepared-run.ts).
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import type { PreparedRun } from '../../sim/index.ts';

/** Wall time a slice aims at: short enough for Ctrl-C, long enough that yielding costs nothing. */
const SLICE_TARGET_MS = 25;
/** The first slice's simulated length, µs; later ones follow the wall time measured. */
const FIRST_SLICE_US = 1_000;

export interface SliceOptions {
  readonly signal: AbortSignal;
  /** Called after each slice with the simulated time reached. */
  readonly onSlice?: (simulatedUs: number) => void;
  /** Fixed slices of this simulated length instead of sizing them by wall time (tests). */
  readonly sliceUs?: number;
}

export async function runInSlices<T>(prepared: PreparedRun<T>, options: SliceOptions): Promise<T> {
  // Back in the event loop, V8 finishes incremental marking in a task, and after such a collection
  // sets a far higher old-generation limit: scenarios/simblock.yaml peaked at 245 MB in slices
  // against 184 MB in one call (and 225 MB on a worker, in one call). With marking left to
  // allocation, as in one call, the heap is managed as it is there.
  setFlagsFromString('--no-incremental-marking-task');
  try {
    return await runSlices(prepared, options);
  } finally {
    if (!process.execArgv.includes('--no-incremental-marking-task')) setFlagsFromString('--incremental-marking-task');
  }
}

async function runSlices<T>(prepared: PreparedRun<T>, options: SliceOptions): Promise<T> {
  const { engine, endUs } = prepared;
  let sliceUs = options.sliceUs ?? FIRST_SLICE_US;
  for (;;) {
    options.signal.throwIfAborted();
    const horizonUs = Math.min(engine.nowUs + sliceUs, endUs);
    const started = performance.now();
    engine.runBefore(horizonUs);
    if (engine.stoppedEarly || horizonUs >= endUs) break;
    options.onSlice?.(engine.nowUs);
    if (options.sliceUs === undefined) sliceUs = nextSliceUs(sliceUs, performance.now() - started);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return prepared.finish();
}

/** Scale the slice towards the target wall time, at most doubling (the model's pace varies). */
function nextSliceUs(sliceUs: number, wallMs: number): number {
  const scale = wallMs <= 0 ? 2 : Math.min(2, Math.max(0.25, SLICE_TARGET_MS / wallMs));
  return Math.max(1, Math.round(sliceUs * scale));
}
