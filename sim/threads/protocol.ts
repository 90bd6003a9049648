/**
 * What the coordinator hands each partition's thread, and what the thread returns. A world module
 * (`worldModule`, a URL) exports `buildPartition(args, plan)`, which builds the whole world in an
 * engine that runs one partition; every thread builds the same world from the same arguments.
 */
import type { MessagePort } from 'node:worker_threads';
import { BARRIER_BYTES } from './barrier.ts';
import type { Engine } from '../engine.ts';
import type { EmittedBatch, PartitionPlan } from '../partition.ts';
import type { PartitionReport } from '../partitioned-run.ts';

export interface PartitionedWorldModule {
  buildPartition(args: unknown, plan: PartitionPlan): Engine | PartitionedWorld | Promise<Engine | PartitionedWorld>;
}

/** A world that reports more than the engine's state at the end (its monitor's totals). */
export interface PartitionedWorld {
  readonly engine: Engine;
  /** Structured-cloneable; the coordinator returns one per partition. */
  finish(): unknown;
  /**
   * What the coordinator's check reads from this partition's hosts when the run pauses
   * (structured-cloneable; see PartitionThreadData.checkEveryUs).
   */
  checkpoint?(): unknown;
}

export interface PartitionThreadData {
  readonly worldModule: string;
  readonly worldArgs: unknown;
  readonly count: number;
  readonly self: number;
  /** The run covers [0, untilUs): the events at `untilUs` itself never run (Engine.runBefore). */
  readonly untilUs: number;
  /**
   * Barrier cells; one next-event time per partition for each of two alternating windows; then,
   * for each of two alternating windows, how many messages partition p sent partition q (cell
   * p · count + q), so that a thread takes a batch from a port only when one was posted.
   */
  readonly shared: SharedArrayBuffer;
  /** Port to partition q at index q (undefined at self). */
  readonly ports: readonly (MessagePort | undefined)[];
  /** Post each window's emitted events to the coordinator, whose observers replay them. */
  readonly forwardEmitted: boolean;
  /**
   * Pause at every multiple of this many µs before the end (0: never): each partition stops with
   * every event before that time handled, posts a check, and waits for the coordinator's verdict
   * to go on or to end there, as one engine run to successive horizons would.
   */
  readonly checkEveryUs: number;
  /** How long a thread spins at the barrier before it sleeps (`spinChecksFor`, barrier.ts). */
  readonly spinChecks: number;
}

/**
 * The coordinator's one message to a partition's thread: the partition of each host, by host
 * index. A thread starts before the split is planned and builds its world once it has this.
 */
export interface PartitionHostsMessage {
  readonly kind: 'hosts';
  readonly assignment: readonly number[];
}

/**
 * What a partition's thread posts to the coordinator: the events emitted in windows, several windows
 * a post, in window order (windows in which its hosts emitted nothing are skipped), a check at each
 * pause (after the window that ends at `atUs`, with its world's `checkpoint`, and after the events
 * of every window up to it), then its end (after the rest of its events).
 */
export type PartitionThreadMessage =
  | { readonly kind: 'emitted'; readonly windows: readonly { readonly window: number; readonly batch: EmittedBatch }[] }
  | { readonly kind: 'check'; readonly window: number; readonly atUs: number; readonly part: unknown }
  | { readonly kind: 'done'; readonly report: PartitionReport; readonly windows: number; readonly extra: unknown }
  | { readonly kind: 'failed'; readonly message: string };

/** The check cells (Int32, at `checkAt`): checks the coordinator answered, and whether its last answer was to stop. */
export const CHECKS_ANSWERED = 0;
export const CHECK_STOP = 1;

/** Where each part of the shared block (`shared`) of a run over `count` partitions lies, in bytes. */
export function sharedLayout(count: number): { readonly nextAt: number; readonly sentAt: number; readonly checkAt: number; readonly bytes: number } {
  const nextAt = BARRIER_BYTES;
  const sentAt = nextAt + 2 * count * 8;
  const checkAt = sentAt + 2 * count * count * 4;
  return { nextAt, sentAt, checkAt, bytes: checkAt + 2 * 4 };
}
