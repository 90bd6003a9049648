/**
 * One replication on several threads: one per partition, each building the world and running its
 * own hosts (sim/partition.ts). The result combines the partitions' reports and is the same for
 * any number of threads.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { combineReports, type CombinedRun, type PartitionReport } from '../partitioned-run.ts';
import { FirstEmissions } from '../first-emissions.ts';
import { emptyEmitted, replayEmitted, type EmittedBatch } from '../partition.ts';
import { CrossingIdentity, fromPortable } from '../portable.ts';
import type { ModelEventObserver } from '../types.ts';
import { spinChecksFor } from './barrier.ts';
import { CHECK_STOP, CHECKS_ANSWERED, sharedLayout, type PartitionThreadData, type PartitionThreadMessage } from './protocol.ts';

export interface ThreadedRunOptions {
  /** URL of a module exporting `buildPartition(args, plan)` (sim/threads/protocol.ts). */
  readonly worldModule: string;
  readonly worldArgs: unknown;
  /** Partition of each host by index; the partitions are 0..max. */
  readonly assignment: readonly number[];
  /** The run covers [0, untilUs), as one engine's `runBefore(untilUs)`. */
  readonly untilUs: number;
  /** Node options of each thread (a TypeScript loader when the sources run uncompiled). */
  readonly execArgv?: readonly string[];
  /** The thread's entry; by default this folder's partition-worker. */
  readonly workerUrl?: URL;
  /** See every emitted event, in the order one engine would have shown it. */
  readonly observers?: readonly ModelEventObserver[];
  /** Called before the emissions of each handled event, with its (time, keys) (sim/partition.ts). */
  readonly beforeReplay?: (timeUs: number, key: number, key2: number) => void;
  /**
   * Pause the partitions at every multiple of `everyUs` before the end and ask `goOn`, once the
   * observers have seen every event before that time, with each partition's `checkpoint`; the run
   * ends there when it answers false.
   */
  readonly check?: { readonly everyUs: number; goOn(atUs: number, parts: readonly unknown[]): boolean };
}

export interface ThreadedRun extends CombinedRun {
  /** Windows the threads stepped through together. */
  readonly windows: number;
  /** Where the run ended: `untilUs`, or the check at which `check.goOn` said to stop. */
  readonly endUs: number;
  /** What each partition's world reported at the end (`PartitionedWorld.finish`), by partition. */
  readonly extras: readonly unknown[];
}

export async function runPartitionsOnThreads(o: ThreadedRunOptions): Promise<ThreadedRun> {
  const count = Math.max(...o.assignment) + 1;
  const layout = sharedLayout(count);
  const shared = new SharedArrayBuffer(layout.bytes);
  const checkCells = new Int32Array(shared, layout.checkAt, 2);
  // One channel per pair of partitions.
  const ports: (MessagePort | undefined)[][] = Array.from({ length: count }, () => new Array<MessagePort | undefined>(count).fill(undefined));
  for (let p = 0; p < count; p++) {
    for (let q = p + 1; q < count; q++) {
      const { port1, port2 } = new MessageChannel();
      ports[p]![q] = port1;
      ports[q]![p] = port2;
    }
  }
  const workerUrl = o.workerUrl ?? new URL('./partition-worker.ts', import.meta.url);
  // A long spin only where each partition's thread can have a core of its own (barrier.ts).
  const spinChecks = spinChecksFor(count, availableParallelism());
  const observers = o.observers ?? [];
  const workers = Array.from({ length: count }, (_, self) => {
    const data: PartitionThreadData = {
      worldModule: o.worldModule, worldArgs: o.worldArgs, assignment: o.assignment, count, self, untilUs: o.untilUs, shared, ports: ports[self]!, forwardEmitted: observers.length > 0, checkEveryUs: o.check?.everyUs ?? 0, spinChecks,
    };
    return new Worker(workerUrl, { workerData: data, transferList: ports[self]!.filter((p) => p !== undefined), execArgv: [...(o.execArgv ?? [])] });
  });
  // Each partition's emitted events by window, until every partition is known to be past that
  // window: a partition posts only windows in which its hosts emitted, in window order, so one that
  // posted a later window (or ended) emitted nothing in the windows it skipped.
  const pending: { window: number; batch: EmittedBatch }[][] = workers.map(() => []);
  const lastPosted: number[] = workers.map(() => -1);
  // Objects the partitions' events carry keep one identity here, as in one engine.
  const identity = new CrossingIdentity(count);
  const first = new FirstEmissions();
  const replayReady = (): void => {
    for (;;) {
      let w = Infinity;
      for (const q of pending) if (q.length > 0 && q[0]!.window < w) w = q[0]!.window;
      if (w === Infinity || lastPosted.some((last) => last < w)) return;
      replayEmitted(pending.map((q) => (q.length > 0 && q[0]!.window === w ? q.shift()!.batch : emptyEmitted())), observers, first, o.beforeReplay);
    }
  };
  // The check each partition posted last, and the parts of the one under way.
  const checked: number[] = workers.map(() => 0);
  const parts: unknown[] = workers.map(() => undefined);
  let answered = 0;
  let endUs = o.untilUs;
  const answerWhenAllChecked = (atUs: number): void => {
    if (checked.some((c) => c <= answered)) return;
    // Every partition posted everything it emitted before atUs ahead of its check: all replayed now.
    const goOn = o.check!.goOn(atUs, parts);
    if (!goOn) endUs = atUs;
    Atomics.store(checkCells, CHECK_STOP, goOn ? 0 : 1);
    Atomics.store(checkCells, CHECKS_ANSWERED, ++answered);
    Atomics.notify(checkCells, CHECKS_ANSWERED);
  };
  let done: { report: PartitionReport; windows: number; extra: unknown }[];
  try {
    done = await Promise.all(
      workers.map(
        (worker, self) =>
          new Promise<{ report: PartitionReport; windows: number; extra: unknown }>((resolve, reject) => {
            worker.on('message', (m: PartitionThreadMessage) => {
              if (m.kind === 'emitted') {
                for (const w of m.windows) {
                  pending[self]!.push({ window: w.window, batch: { ...w.batch, event: fromPortable(w.batch.event, identity) as EmittedBatch['event'] } });
                  lastPosted[self] = w.window;
                }
                replayReady();
              } else if (m.kind === 'check') {
                lastPosted[self] = m.window;
                checked[self]! += 1;
                parts[self] = m.part;
                try {
                  replayReady();
                  answerWhenAllChecked(m.atUs);
                } catch (err) {
                  // The partitions wait on the answer; the run ends with the cause (they are stopped below).
                  reject(err);
                }
              } else if (m.kind === 'done') {
                lastPosted[self] = Infinity;
                replayReady();
                resolve(m);
              }
              else reject(new Error(m.message));
            });
            worker.once('error', reject);
            worker.once('exit', (code) => reject(new Error(`partition ${self}'s thread exited (code ${code}) before reporting`)));
          }),
      ),
    );
  } finally {
    // A partition that failed leaves the others waiting at the barrier: stop them all.
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const reports = done.map((d) => d.report);
  const windows = done[0]!.windows;
  return { ...combineReports(reports, o.assignment.length), windows, endUs, extras: done.map((d) => d.extra) };
}
