/**
 * What one simulation run produces, as plain JSON (it crosses worker threads and lands in
 * replications.jsonl). Metric names are dotted lower snake case with the unit last
 * (`consensus.commit_latency_ms.p99`); see docs/metrics.md.
 */
import type { Distributions } from './distribution.ts';

export interface MetricValue {
  readonly unit: string;
  readonly value: number;
}

export type Metrics = Record<string, MetricValue>;

/** A named invariant or expectation and whether it held in this run. */
export interface CheckOutcome {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
  /**
   * The metric that measures this check's violations (`iomt.integrity` → `iomt.integrity_checks_invalid`);
   * a scenario's `expect:` on it states the check's intended outcome and decides its verdict
   * (src/runner/summary.ts). Default `<name>.violations`, hyphens as underscores.
   */
  readonly violationsMetric?: string;
  /**
   * Why this run could not have failed the check, where it could not (a liveness bound no shorter
   * than the run): a pass that says nothing, shown as such instead of as a plain pass.
   */
  readonly couldNotFail?: string;
}

/** One row of windowed measurements (timeseries.csv): window end time plus named columns. */
export interface TimeseriesRow {
  readonly timeS: number;
  readonly [column: string]: number;
}

export interface RunOutput {
  readonly metrics: Metrics;
  readonly checks: readonly CheckOutcome[];
  readonly traceHash: string;
  readonly eventsProcessed: number;
  readonly simulatedUs: number;
  readonly timeseries: readonly TimeseriesRow[];
  /**
   * Optional: whole latency distributions by metric family (`consensus.commit_latency_ms`), as
   * quantiles on the fixed grid of distribution.ts. Families with no sample are left out.
   */
  readonly distributions?: Distributions;
  /**
   * Optional: the ground-truth labels (attack.labels) by the type of the run's attacks that recorded
   * them, every type of an attack whose window opens before the end listed, 0 where it recorded
   * none (an attack that never acted: src/runner/silent-attacks.ts).
   */
  readonly attackLabels?: Readonly<Record<string, number>>;
}
