/**
 * A reusable barrier for a fixed number of threads over a SharedArrayBuffer (sense reversal by a
 * generation counter): each arrival increments the count; the last one resets it and advances the
 * generation, which wakes the others. Atomics give the happens-before edge the window exchange
 * relies on: what a thread wrote or posted before arriving is visible to every thread after it.
 */
const ARRIVED = 0;
const GENERATION = 1;

export const BARRIER_BYTES = 8;
/**
 * Checks a thread makes before it sleeps, when each thread of the run has a core of its own (about
 * 80 µs here): a window often holds well under a millisecond of work (regional.yaml's median
 * window, 67 µs a partition), and waking a sleeping thread costs tens of µs (25 µs median there).
 * Measured over 2 threads on 2 cores (bench/scripts/thread-scaling.ts, alternating builds): PHOLD
 * 1.43x and 1.47x at 20,000 checks against 1.30x and 1.32x at 2,000 (and 1.21x and 1.28x with
 * none, an earlier build); regional.yaml for 5 simulated minutes on two threads, 10 pairs, median
 * 9.2 against 9.5 s, faster in 7; consortium.yaml split at a 2 ms floor unchanged (0.28x and 0.31x
 * against 0.29x and 0.30x).
 */
const SPIN_CHECKS_OWN_CORES = 20_000;
/**
 * With more threads than cores a long spin holds a core the awaited thread needs: the split-run
 * test files (1 to 4 threads each, two files at a time on 2 cores) took 82.4 and 83.5 s spinning
 * 20,000 checks against 77.1 and 78.5 s at 2,000.
 */
const SPIN_CHECKS_SHARED_CORES = 2_000;

/** How long a thread of a run over `threads` threads spins at the barrier on `cores` cores. */
export function spinChecksFor(threads: number, cores: number): number {
  return threads <= cores ? SPIN_CHECKS_OWN_CORES : SPIN_CHECKS_SHARED_CORES;
}

export class Barrier {
  private readonly cells: Int32Array;
  constructor(buffer: SharedArrayBuffer, private readonly parties: number, private readonly spinChecks: number, byteOffset = 0) {
    this.cells = new Int32Array(buffer, byteOffset, 2);
  }

  arriveAndWait(): void {
    const cells = this.cells;
    const generation = Atomics.load(cells, GENERATION);
    if (Atomics.add(cells, ARRIVED, 1) === this.parties - 1) {
      Atomics.store(cells, ARRIVED, 0);
      Atomics.add(cells, GENERATION, 1);
      Atomics.notify(cells, GENERATION);
      return;
    }
    for (let i = 0; i < this.spinChecks && Atomics.load(cells, GENERATION) === generation; i++);
    while (Atomics.load(cells, GENERATION) === generation) Atomics.wait(cells, GENERATION, generation);
  }
}
