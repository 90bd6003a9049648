/**
 * A probe's board: shared memory where each replication of one `iomtsim size` probe posts, every
 * so often of simulated time, how far it got and its SLO metrics so far (a value now and what the
 * final value cannot go below, src/metrics/interim-bounds.ts), and `stopFrom`: the smallest
 * replication that has shown the probe fails (size-early-stop.ts, size-probe.ts); those after it
 * stop. Worker threads share the memory (a SharedArrayBuffer travels inside the task), so the main
 * thread reads progress, and replications on other threads see `stopFrom`, without a message.
 *
 * Layout: Int32 [stopFrom, seq_0 … seq_{R−1}], then per replication r a row of Float64
 * [state, simulatedUs, now_0 … now_{K−1}, atLeast_0 … atLeast_{K−1}] for K metrics. A row is
 * written under a sequence lock (seq odd while writing), so a reader never sees half a row.
 */

/** A row's state: not started, running (bounds are interim), or finished (values are final). */
export const ROW_PENDING = 0;
export const ROW_RUNNING = 1;
export const ROW_FINISHED = 2;

export interface BoardRow {
  readonly state: number;
  readonly simulatedUs: number;
  /** Each metric's value so far (NaN: not produced). */
  readonly now: readonly number[];
  /** What each metric's final value cannot go below (NaN: no bound known; final rows: the value). */
  readonly atLeast: readonly number[];
}

export class ProbeBoard {
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly rowLength: number;

  constructor(readonly shared: SharedArrayBuffer, readonly replications: number, readonly metrics: number) {
    const intBytes = ProbeBoard.intBytes(replications);
    this.rowLength = 2 + 2 * metrics;
    this.ints = new Int32Array(shared, 0, 1 + replications);
    this.floats = new Float64Array(shared, intBytes, replications * this.rowLength);
  }

  static create(replications: number, metrics: number): ProbeBoard {
    const board = new ProbeBoard(new SharedArrayBuffer(ProbeBoard.intBytes(replications) + 8 * replications * (2 + 2 * metrics)), replications, metrics);
    Atomics.store(board.ints, 0, replications);
    return board;
  }

  private static intBytes(replications: number): number {
    return 8 * Math.ceil((4 * (1 + replications)) / 8);
  }

  /** The smallest replication that showed the probe fails; `replications` while none has. */
  get stopFrom(): number {
    return Atomics.load(this.ints, 0);
  }

  /** Replication r showed the probe fails: replications after it stop (the smallest such r wins). */
  lowerStopFrom(r: number): void {
    for (let current = Atomics.load(this.ints, 0); r < current; current = Atomics.load(this.ints, 0)) {
      if (Atomics.compareExchange(this.ints, 0, current, r) === current) return;
    }
  }

  write(r: number, row: BoardRow): void {
    const seq = 1 + r;
    Atomics.add(this.ints, seq, 1);
    const base = r * this.rowLength;
    this.floats[base] = row.state;
    this.floats[base + 1] = row.simulatedUs;
    for (let k = 0; k < this.metrics; k++) {
      this.floats[base + 2 + k] = row.now[k] ?? NaN;
      this.floats[base + 2 + this.metrics + k] = row.atLeast[k] ?? NaN;
    }
    Atomics.add(this.ints, seq, 1);
  }

  read(r: number): BoardRow {
    const seq = 1 + r;
    for (;;) {
      const before = Atomics.load(this.ints, seq);
      if (before % 2 === 1) continue;
      const base = r * this.rowLength;
      const row: BoardRow = {
        state: this.floats[base]!,
        simulatedUs: this.floats[base + 1]!,
        now: Array.from({ length: this.metrics }, (_, k) => this.floats[base + 2 + k]!),
        atLeast: Array.from({ length: this.metrics }, (_, k) => this.floats[base + 2 + this.metrics + k]!),
      };
      if (Atomics.load(this.ints, seq) === before) return row;
    }
  }

  rows(): BoardRow[] {
    return Array.from({ length: this.replications }, (_, r) => this.read(r));
  }
}
