/**
 * The window loop of a partitioned run and the combination of its partitions' results, shared by
 * the run on worker threads (sim/threads/) and the run of all partitions in one thread (tests,
 * and N = 1). See sim/partition.ts for why the windows are safe.
 */
import { badArgument } from './errors.ts';
import { FirstEmissions } from './first-emissions.ts';
import type { Engine } from './engine.ts';
import { lookaheadUs, replayEmitted, type CrossingBatch } from './partition.ts';
import type { ModelEventObserver } from './types.ts';
import { TraceHash } from './trace.ts';

/** What one partition's engine reports at the end: the state of the hosts it ran. */
export interface PartitionReport {
  readonly hosts: readonly number[];
  /** Trace stream of each host in `hosts`, and of the control callbacks (index -1 in TraceHash terms). */
  readonly hostStreams: readonly (readonly [number, number, number])[];
  readonly controlStream: readonly [number, number, number];
  readonly messagesSent: readonly number[];
  readonly bytesSent: readonly number[];
  readonly messagesReceived: readonly number[];
  readonly bytesReceived: readonly number[];
  readonly cpuBusyUs: readonly number[];
  readonly droppedByReason: readonly number[];
  readonly nowUs: number;
}

export function partitionReport(engine: Engine): PartitionReport {
  const hosts: number[] = [];
  for (let h = 0; h < engine.hostCount; h++) if (engine.runsHost(h)) hosts.push(h);
  const net = engine.network;
  return {
    hosts,
    hostStreams: hosts.map((h) => engine.trace.stream(h)),
    controlStream: engine.trace.stream(-1),
    messagesSent: hosts.map((h) => net.messagesSent[h]!),
    bytesSent: hosts.map((h) => net.bytesSent[h]!),
    messagesReceived: hosts.map((h) => net.messagesReceived[h]!),
    bytesReceived: hosts.map((h) => net.bytesReceived[h]!),
    cpuBusyUs: hosts.map((h) => engine.cpuBusyUs(h)),
    droppedByReason: Array.from(net.droppedByReason),
    nowUs: engine.nowUs,
  };
}

/** A whole run's results, the same for any number of partitions. */
export interface CombinedRun {
  readonly traceHash: string;
  readonly eventsProcessed: number;
  readonly nowUs: number;
  readonly messagesSent: Float64Array;
  readonly bytesSent: Float64Array;
  readonly messagesReceived: Float64Array;
  readonly bytesReceived: Float64Array;
  readonly cpuBusyUs: Float64Array;
  readonly droppedByReason: Float64Array;
}

/**
 * Combine the partitions' reports: each host's state from the partition that ran it; the control
 * stream from the first (every partition ran the same callbacks); drops summed, since each is
 * counted where it happened (the sender's partition, or the receiver's for a host that was down).
 */
export function combineReports(reports: readonly PartitionReport[], hostCount: number): CombinedRun {
  const trace = new TraceHash();
  const perHost = () => new Float64Array(hostCount);
  const out = { messagesSent: perHost(), bytesSent: perHost(), messagesReceived: perHost(), bytesReceived: perHost(), cpuBusyUs: perHost() };
  const droppedByReason = new Float64Array(reports[0]!.droppedByReason.length);
  trace.absorb(-1, reports[0]!.controlStream);
  for (const r of reports) {
    r.hosts.forEach((h, i) => {
      trace.absorb(h, r.hostStreams[i]!);
      out.messagesSent[h] = r.messagesSent[i]!;
      out.bytesSent[h] = r.bytesSent[i]!;
      out.messagesReceived[h] = r.messagesReceived[i]!;
      out.bytesReceived[h] = r.bytesReceived[i]!;
      out.cpuBusyUs[h] = r.cpuBusyUs[i]!;
    });
    r.droppedByReason.forEach((d, i) => (droppedByReason[i]! += d));
  }
  return { traceHash: trace.digest(), eventsProcessed: trace.count, nowUs: reports[0]!.nowUs, droppedByReason, ...out };
}

/** The same report for an engine that ran every host. */
export function wholeRun(engine: Engine): CombinedRun {
  return combineReports([partitionReport(engine)], engine.hostCount);
}

/** The lookahead of a partitioned world, refused where it is zero. */
export function checkedLookaheadUs(engine: Engine, partitions: number): number {
  const l = lookaheadUs(engine.network, engine.hostPartitions(), partitions);
  if (!(l.widthUs >= 1)) {
    const regions = engine.network.regions;
    throw badArgument('partitioned run', 'a positive least latency between hosts of different partitions (the lookahead)', `${l.widthUs} µs from region '${regions[l.fromRegion]}' to '${regions[l.toRegion]}'`);
  }
  return l.widthUs;
}

/**
 * Run every partition's engine in this thread, window by window, over [now, untilUs): as one engine's
 * `runBefore(untilUs)`, the events at `untilUs` itself never run, and the clocks end there. Each engine
 * must have been built with the same world and a partition plan of `engines.length` partitions.
 * `observers` see every emitted event in the order one engine would have shown it; `beforeReplay`
 * runs before each handled event's emissions are shown (sim/partition.ts).
 */
export function runPartitionsInProcess(
  engines: readonly Engine[],
  untilUs: number,
  observers: readonly ModelEventObserver[] = [],
  beforeReplay?: (timeUs: number, key: number, key2: number) => void,
): CombinedRun {
  const n = engines.length;
  const l = checkedLookaheadUs(engines[0]!, n);
  let startUs = engines[0]!.nowUs;
  const first = new FirstEmissions();
  for (;;) {
    // The window [startUs, endUs): a message sent in it arrives at endUs or later.
    const endUs = Math.min(startUs + l, untilUs);
    for (const e of engines) e.runBefore(endUs);
    replayEmitted(engines.map((e) => e.takeEmitted()), observers, first, beforeReplay);
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        if (p === q) continue;
        const batch: CrossingBatch = engines[p]!.takeCrossing(q);
        engines[q]!.receiveCrossing(batch);
      }
    }
    if (endUs >= untilUs) break;
    // The next window starts at the earliest pending event anywhere, skipping idle time.
    let next = Infinity;
    for (const e of engines) next = Math.min(next, e.nextEventUs());
    startUs = Math.max(endUs, Math.min(next, untilUs));
  }
  return combineReports(engines.map(partitionReport), engines[0]!.hostCount);
}
