/**
 * A reusable barrier for a fixed number of threads over a SharedArrayBuffer (sense reversal by a
 * generation counter): each arrival increments the count; the last one resets it and advances the
 * generation, which wakes the others. Atomics give the happens-before edge the window exchange
 * relies on: what a thread wrote or posted before arriving is visible to every thread after it.
 */
const ARRIVED = 0;
const GENERATION = 1;

export const BARRIER_BYTES = 8;

export class Barrier {
  private readonly cells: Int32Array;
  constructor(buffer: SharedArrayBuffer, private readonly parties: number, byteOffset = 0) {
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
    while (Atomics.load(cells, GENERATION) === generation) Atomics.wait(cells, GENERATION, generation);
  }
}
