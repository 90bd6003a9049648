/** sim/: the domain-free, deterministic discrete-event engine. */
export { Engine, EventKind, DEFAULT_MAX_PENDING_EVENTS, type EngineOptions } from './engine.ts';
export { forwardingContext, type Actor, type ActorContext, type ActorFactory, type ContextOverrides } from './actor.ts';
export { Network, DropReason, DROPPED, type NetworkConfig, type HostPlacement, type DropReasonName } from './network.ts';
export { Rng } from './rng.ts';
export { mapPrepared, runPrepared, type PreparedRun } from './prepared-run.ts';
export { FirstEmissions, type EmitKey } from './first-emissions.ts';
export * from './distributions.ts';
export { TraceHash } from './trace.ts';
export { lookaheadUs, replayEmitted, type PartitionPlan, type CrossingBatch, type EmittedBatch } from './partition.ts';
export { combineReports, partitionReport, runPartitionsInProcess, wholeRun, type CombinedRun, type PartitionReport } from './partitioned-run.ts';
export { definePortable, fromPortable, toPortable } from './portable.ts';
export { runPartitionsOnThreads, startPartitionThreads, type PartitionRunOptions, type PartitionThreadsOptions, type StartedPartitions, type ThreadedRun, type ThreadedRunOptions } from './threads/coordinator.ts';
export type { EngineTracer, HandledKind } from './tracer.ts';
export { SimError, type SimErrorCode } from './errors.ts';
export * from './types.ts';
