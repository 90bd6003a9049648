/**
 * A partition's thread: builds the world, runs its hosts window by window in step with the other
 * partitions' threads, and posts its report. The window loop is the one of
 * runPartitionsInProcess (sim/partitioned-run.ts), with the exchange through message ports and
 * the step through a barrier.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CrossingBatch, EmittedBatch } from '../partition.ts';
import { CrossingIdentity, fromPortable, toPortable } from '../portable.ts';
import { checkedLookaheadUs, partitionReport } from '../partitioned-run.ts';
import { Barrier } from './barrier.ts';
import { CHECK_STOP, CHECKS_ANSWERED, sharedLayout, type PartitionedWorldModule, type PartitionHostsMessage, type PartitionThreadData, type PartitionThreadMessage } from './protocol.ts';

const data = workerData as PartitionThreadData;
/**
 * Windows between two returns to the event loop (see the loop). hotstuff.yaml for 40 simulated s on
 * two threads, two alternating runs each: 8.7 and 9.1 s at 32, 10.3 and 9.7 s at 512.
 */
const YIELD_EVERY_WINDOWS = 32;
/**
 * Windows whose emitted events go to the coordinator in one post: each post wakes the
 * coordinator's thread, which shares the cores with the partitions'.
 */
const EMIT_EVERY_WINDOWS = 16;
// Ids of the objects that cross to or from this thread (sim/portable.ts).
const identity = new CrossingIdentity(data.self);

async function main(): Promise<PartitionThreadMessage> {
  const { count, self, untilUs } = data;
  // The world's module loads while the coordinator plans the split; the hosts come after.
  const [world, { assignment }] = await Promise.all([import(data.worldModule) as Promise<PartitionedWorldModule>, hostsMessage()]);
  const built = await world.buildPartition(data.worldArgs, {
    count,
    self,
    partitionOf: (h) => {
      if (h >= assignment.length) throw new RangeError(`partition assignment: expected a partition for host ${h}, found ${assignment.length} entries`);
      return assignment[h]!;
    },
  });
  const engine = 'finish' in built ? built.engine : built;
  const barrier = new Barrier(data.shared, count, data.spinChecks);
  // Next-event times, two alternating rows: a row is rewritten two windows later, after every
  // thread has passed the barrier in between and so finished reading it.
  const layout = sharedLayout(count);
  const next = new Float64Array(data.shared, layout.nextAt, 2 * count);
  // Messages sent from p to q, two alternating rows likewise; a batch is posted only when non-empty.
  const sent = new Int32Array(data.shared, layout.sentAt, 2 * count * count);
  const checks = new Int32Array(data.shared, layout.checkAt, 2);
  const l = checkedLookaheadUs(engine, count);
  let startUs = engine.nowUs;
  let windows = 0;
  // The next pause (none at the end itself: a watched engine run reports nothing there either).
  const every = data.checkEveryUs;
  let checkUs = every > 0 && every < untilUs ? every : Infinity;
  let checksPosted = 0;
  // Emitted events not yet posted, by window, each taken apart at the end of its window as before
  // (what an event refers to may change later).
  let unposted: { window: number; batch: EmittedBatch }[] = [];
  const postEmitted = (): void => {
    if (unposted.length === 0) return;
    parentPort!.postMessage({ kind: 'emitted', windows: unposted } satisfies PartitionThreadMessage);
    unposted = [];
  };
  for (;;) {
    // The window [startUs, endUs), as in runPartitionsInProcess: the run covers [0, untilUs), and a
    // check at checkUs follows the events before it, as a watched engine's does.
    const endUs = Math.min(startUs + l, untilUs, checkUs);
    engine.runBefore(endUs);
    const emitted = engine.takeEmitted();
    if (data.forwardEmitted && emitted.atUs.length > 0) unposted.push({ window: windows, batch: portableEmitted(emitted) });
    let earliest = engine.nextEventUs();
    const sentRow = (windows & 1) * count * count;
    for (let q = 0; q < count; q++) {
      if (q === self) continue;
      const batch = engine.takeCrossing(q);
      sent[sentRow + self * count + q] = batch.atUs.length;
      if (batch.atUs.length === 0) continue;
      for (const t of batch.atUs) if (t < earliest) earliest = t;
      data.ports[q]!.postMessage({ ...batch, msg: toPortable(batch.msg, identity) });
    }
    const row = (windows & 1) * count;
    next[row + self] = earliest;
    barrier.arriveAndWait();
    for (let q = 0; q < count; q++) {
      if (q === self || sent[sentRow + q * count + self] === 0) continue;
      engine.receiveCrossing(receiveBatch(data.ports[q]!));
    }
    windows++;
    if (windows % EMIT_EVERY_WINDOWS === 0) postEmitted();
    if (endUs === checkUs) {
      postEmitted();
      // Every partition has handled every event before checkUs: the coordinator replays what they
      // emitted up to there and decides, for all, whether the run goes on.
      parentPort!.postMessage({ kind: 'check', window: windows - 1, atUs: checkUs, part: 'finish' in built ? built.checkpoint?.() : undefined } satisfies PartitionThreadMessage);
      checksPosted++;
      for (let answered = Atomics.load(checks, CHECKS_ANSWERED); answered < checksPosted; answered = Atomics.load(checks, CHECKS_ANSWERED)) Atomics.wait(checks, CHECKS_ANSWERED, answered);
      if (Atomics.load(checks, CHECK_STOP) === 1) break;
      checkUs = checkUs + every < untilUs ? checkUs + every : Infinity;
    }
    // Crossing ids hold their objects through WeakRefs (sim/portable.ts), which keep their targets
    // alive until the thread's current task ends, and a full collection is noticed only by a
    // finalizer, which runs as a task: a window loop that never yields would keep every object that
    // ever crossed.
    if (windows % YIELD_EVERY_WINDOWS === 0) await new Promise((resolve) => setImmediate(resolve));
    if (endUs >= untilUs) break;
    let globalNext = Infinity;
    for (let p = 0; p < count; p++) globalNext = Math.min(globalNext, next[row + p]!);
    // Quiet time is skipped, but never past a pause.
    startUs = Math.max(endUs, Math.min(globalNext, untilUs, checkUs));
  }
  postEmitted();
  return { kind: 'done', report: partitionReport(engine), windows, extra: 'finish' in built ? built.finish() : undefined };
}

/** The coordinator's message assigning the hosts (its only one). */
function hostsMessage(): Promise<PartitionHostsMessage> {
  return new Promise((resolve) => parentPort!.once('message', (m: PartitionHostsMessage) => resolve(m)));
}

function portableEmitted(batch: EmittedBatch): EmittedBatch {
  return { ...batch, event: toPortable(batch.event, identity.oneWay) as EmittedBatch['event'] };
}

/** The one batch a peer posted before the barrier (posting enqueues it on this port at once). */
function receiveBatch(port: MessagePort): CrossingBatch {
  const got = receiveMessageOnPort(port);
  if (got === undefined) throw new Error('partitioned run: a peer passed the barrier without its batch arriving');
  const batch = got.message as CrossingBatch;
  return { ...batch, msg: fromPortable(batch.msg, identity) as unknown[] };
}

main().then(
  (result) => parentPort!.postMessage(result),
  (err: unknown) => parentPort!.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies PartitionThreadMessage),
);
