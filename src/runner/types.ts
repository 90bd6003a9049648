/**
 * The runner's plain-JSON records. A task crosses into a worker thread and its result comes back,
 * so both are structured-clone-safe data: no classes, no functions.
 */
import type { Distributions } from '../metrics/distribution.ts';
import type { CheckOutcome, Metrics, RunOutput, TimeseriesRow } from '../metrics/types.ts';
import type { RunWatch } from '../metrics/interim-bounds.ts';
import type { Scenario, SweepParameters } from '../scenario/index.ts';
import type { ProbeWatchSpec } from './size-early-stop.ts';

/** Where the function `(scenario, seed) => RunOutput` lives: a module URL and an export name. */
export interface ModelRef {
  readonly module: string;
  readonly exportName: string;
}

/** A model; one that can pause to report its metrics so far honours `watch` (others ignore it). */
export type SimulateFn = (scenario: Scenario, seed: number, watch?: RunWatch) => RunOutput;

/** One replication of one sweep point. */
export interface ReplicationTask {
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly scenario: Scenario;
  /** Post progress to a probe's board and stop when it says so (`iomtsim size`). */
  readonly watch?: ProbeWatchSpec;
  /** Threads the replication is split over (1: the ordinary engine). */
  readonly threads?: number;
}

export interface WorkerTask extends ReplicationTask {
  readonly model: ModelRef;
}

export interface TaskResult {
  readonly output: RunOutput;
  readonly wallMs: number;
}

/** One line of replications.jsonl (docs/results.md), plus the timeseries kept for timeseries.csv. */
export interface ReplicationRecord {
  readonly point: number;
  readonly parameters: SweepParameters;
  readonly replication: number;
  readonly seed: number;
  readonly metrics: Metrics;
  readonly checks: readonly CheckOutcome[];
  readonly traceHash: string;
  readonly eventsProcessed: number;
  readonly simulatedUs: number;
  readonly wallMs: number;
  /** The run's latency distributions (RunOutput.distributions), when its model exports them. */
  readonly distributions?: Distributions;
  /** The ground-truth labels by the type of the attacks that recorded them (RunOutput.attackLabels), when the run had attacks. */
  readonly attackLabels?: Readonly<Record<string, number>>;
}

export interface FinishedReplication {
  readonly record: ReplicationRecord;
  readonly timeseries: readonly TimeseriesRow[];
}

export interface ReplicationFailure {
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly error: string;
}
