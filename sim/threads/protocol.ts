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
}

export interface PartitionThreadData {
  readonly worldModule: string;
  readonly worldArgs: unknown;
  /** Partition of each host, by host index. */
  readonly assignment: readonly number[];
  readonly count: number;
  readonly self: number;
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
}

/**
 * What a partition's thread posts to the coordinator: the events emitted in a window (windows in
 * which its hosts emitted nothing are skipped), then its end.
 */
export type PartitionThreadMessage =
  | { readonly kind: 'emitted'; readonly window: number; readonly batch: EmittedBatch }
  | { readonly kind: 'done'; readonly report: PartitionReport; readonly windows: number; readonly extra: unknown }
  | { readonly kind: 'failed'; readonly message: string };

/** Where each part of the shared block (`shared`) of a run over `count` partitions lies, in bytes. */
export function sharedLayout(count: number): { readonly nextAt: number; readonly sentAt: number; readonly bytes: number } {
  const nextAt = BARRIER_BYTES;
  const sentAt = nextAt + 2 * count * 8;
  return { nextAt, sentAt, bytes: sentAt + 2 * count * count * 4 };
}
