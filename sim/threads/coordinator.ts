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
import { CHECK_STOP, CHECKS_ANSWERED, sharedLayout, type PartitionHostsMessage, type PartitionThreadData, type PartitionThreadMessage } from './protocol.ts';

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

/** Threads of a split started before its hosts are assigned (`startPartitionThreads`). */
export interface StartedPartitions {
  /** Assign the hosts (partitions 0..count-1) and run; the observers see every emitted event. */
  run(o: PartitionRunOptions): Promise<ThreadedRun>;
  /** End the threads unused (a split refused once they had started). */
  stop(): Promise<void>;
}

/** What a run needs beyond its threads: the hosts' partitions, and the observers of its events. */
export type PartitionRunOptions = Pick<ThreadedRunOptions, 'assignment' | 'observers' | 'beforeReplay' | 'check'>;

/** What the threads need before the hosts are assigned. */
export interface PartitionThreadsOptions extends Omit<ThreadedRunOptions, 'assignment' | 'observers' | 'beforeReplay' | 'check'> {
  /** Partitions, one thread each. */
  readonly count: number;
  /** Whether the observers given to `run` see events (the threads then post what they emit). */
  readonly observed: boolean;
  /** The pauses `run`'s check will answer (ThreadedRunOptions.check), every this many µs; 0 for none. */
  readonly checkEveryUs: number;
}

export async function runPartitionsOnThreads(o: ThreadedRunOptions): Promise<ThreadedRun> {
  const started = startPartitionThreads({ ...o, count: Math.max(...o.assignment) + 1, observed: (o.observers ?? []).length > 0, checkEveryUs: o.check?.everyUs ?? 0 });
  return started.run(o);
}

/**
 * Start one thread per partition, each loading the world's module while the caller still plans the
 * split (building a coordinator's world takes about as long as a thread's start and import), and
 * hand them the hosts with `run`.
 */
export function startPartitionThreads(o: PartitionThreadsOptions): StartedPartitions {
  const count = o.count;
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
  const workers = Array.from({ length: count }, (_, self) => {
    const data: PartitionThreadData = {
      worldModule: o.worldModule, worldArgs: o.worldArgs, count, self, untilUs: o.untilUs, shared, ports: ports[self]!, forwardEmitted: o.observed, checkEveryUs: o.checkEveryUs, spinChecks,
    };
    return new Worker(workerUrl, { workerData: data, transferList: ports[self]!.filter((p) => p !== undefined), execArgv: [...(o.execArgv ?? [])] });
  });
  // Each thread's messages until `run` takes them over: before its hosts, a thread can only fail.
  const early: { self: number; m: PartitionThreadMessage | Error }[] = [];
  let handle: ((self: number, m: PartitionThreadMessage | Error) => void) | undefined;
  workers.forEach((worker, self) => {
    const deliver = (m: PartitionThreadMessage | Error): void => (handle !== undefined ? handle(self, m) : void early.push({ self, m }));
    worker.on('message', deliver);
    worker.once('error', (err) => deliver(err));
    worker.once('exit', (code) => deliver(new Error(`partition ${self}'s thread exited (code ${code}) before reporting`)));
  });
  const stop = async (): Promise<void> => {
    // A partition that failed leaves the others waiting at the barrier: stop them all.
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return {
    stop,
    run: async (r: PartitionRunOptions): Promise<ThreadedRun> => {
      const refused = Math.max(...r.assignment) >= count
        ? `partition assignment: expected partitions 0..${count - 1}, found ${Math.max(...r.assignment)}`
        : (r.observers ?? []).length > 0 !== o.observed || (r.check?.everyUs ?? 0) !== o.checkEveryUs
          ? 'partition run: observers and checks must be those the threads were started for'
          : undefined;
      if (refused !== undefined) {
        // The threads wait for their hosts, which never come: end them with the refusal.
        await stop();
        throw new RangeError(refused);
      }
      const observers = r.observers ?? [];
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
          replayEmitted(pending.map((q) => (q.length > 0 && q[0]!.window === w ? q.shift()!.batch : emptyEmitted())), observers, first, r.beforeReplay);
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
        const goOn = r.check!.goOn(atUs, parts);
        if (!goOn) endUs = atUs;
        Atomics.store(checkCells, CHECK_STOP, goOn ? 0 : 1);
        Atomics.store(checkCells, CHECKS_ANSWERED, ++answered);
        Atomics.notify(checkCells, CHECKS_ANSWERED);
      };
      let done: { report: PartitionReport; windows: number; extra: unknown }[];
      try {
        done = await new Promise((resolve, reject) => {
          const results: ({ report: PartitionReport; windows: number; extra: unknown } | undefined)[] = workers.map(() => undefined);
          let remaining = count;
          handle = (self, m) => {
            // A thread ends once it has reported: only an end before its report is a failure.
            if (m instanceof Error) return void (results[self] === undefined && reject(m));
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
              if (results[self] === undefined) {
                results[self] = m;
                if (--remaining === 0) resolve(results as { report: PartitionReport; windows: number; extra: unknown }[]);
              }
            } else reject(new Error(m.message));
          };
          for (const { self, m } of early.splice(0)) handle(self, m);
          workers.forEach((worker) => worker.postMessage({ kind: 'hosts', assignment: r.assignment } satisfies PartitionHostsMessage));
        });
      } finally {
        await stop();
      }
      const reports = done.map((d) => d.report);
      const windows = done[0]!.windows;
      return { ...combineReports(reports, r.assignment.length), windows, endUs, extras: done.map((d) => d.extra) };
    },
  };
}
