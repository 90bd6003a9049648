/**
 * How far the replications still running have got in simulated time, for the progress line of a
 * run whose replications are long: each posts its simulated time to a shared board every so often
 * (the board `iomtsim size` probes use, probe-board.ts), and the main thread reads it without a
 * message. A watched run processes the same events as an unwatched one (src/world/watched-run.test.ts);
 * models that cannot pause (proof of work) post nothing and count once finished.
 */
import { ProbeBoard } from './probe-board.ts';
import type { ReplicationTask } from './types.ts';

/** About a hundred posts per replication, at most one per simulated second. */
export const progressIntervalUs = (durationUs: number): number => Math.max(1_000_000, Math.round(durationUs / 100));

export class RunningProgress {
  private readonly board: ProbeBoard;
  private readonly finished: Uint8Array;

  constructor(private readonly count: number) {
    this.board = ProbeBoard.create(count, 0);
    this.finished = new Uint8Array(count);
  }

  /** Task `row` with a watch that posts its simulated time. */
  watched(task: ReplicationTask, row: number): ReplicationTask {
    return { ...task, watch: { board: this.board.shared, replications: this.count, row, everyUs: progressIntervalUs(task.scenario.duration), slos: [] } };
  }

  /** Task `row` ended: its simulated time is counted from its result from now on. */
  ended(row: number): void {
    this.finished[row] = 1;
  }

  /** Simulated time reached by the tasks not ended yet, µs. */
  runningUs(): number {
    let us = 0;
    for (let r = 0; r < this.count; r++) if (this.finished[r] === 0) us += this.board.read(r).simulatedUs;
    return us;
  }
}
