/**
 * A results folder as the report reads it (docs/results.md). These types mirror the files the
 * runner writes; the report never sees model internals, only these.
 */
import type { RecordedFiles } from '../../io/recorded-files.ts';

export type ResultsKind = 'run' | 'sweep' | 'size';
export type RunStatus = 'running' | 'complete' | 'interrupted' | 'failed';

export interface Manifest {
  readonly format: string;
  readonly kind: ResultsKind;
  readonly status: RunStatus;
  readonly scenario: Readonly<Record<string, unknown>>;
  readonly scenarioFile?: string | null | undefined;
  readonly overrides?: readonly string[] | undefined;
  readonly seed: number;
  readonly replications: number;
  readonly replicationSeeds?: readonly number[] | undefined;
  readonly sweep?: { readonly dimensions: readonly SweepDimension[] } | undefined;
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  readonly versions?: Readonly<Record<string, string>> | undefined;
  readonly commit?: string | null | undefined;
  readonly host?: Readonly<Record<string, unknown>> | undefined;
  readonly startedAt?: string | undefined;
  readonly endedAt?: string | null | undefined;
  readonly wallMs?: number | null | undefined;
  /** Size and SHA-256 of each result file (loadResults checks them before reading). */
  readonly files?: RecordedFiles | undefined;
  /** A checkpoint's files while it wrote them (src/runner/manifest.ts). */
  readonly pendingFiles?: RecordedFiles | undefined;
}

export type ParameterValue = string | number | boolean | null;

export interface SweepDimension {
  readonly key: string;
  readonly values: readonly ParameterValue[];
}

/** One metric summarised over replications. `null` stands for "no samples" (JSON has no NaN). */
export interface MetricSummary {
  readonly unit: string;
  readonly mean: number | null;
  readonly ci95: readonly [number | null, number | null] | null;
  readonly n: number;
  readonly sd?: number | null | undefined;
  readonly min?: number | null | undefined;
  readonly max?: number | null | undefined;
}

export interface CheckSummary {
  readonly name: string;
  readonly passed: boolean;
  readonly failedReplications?: number | undefined;
  readonly n?: number | undefined;
  readonly detail?: string | undefined;
  /** Why no replication could have failed the check, where none could. */
  readonly couldNotFail?: string | undefined;
  /** The metric whose expectation, where the scenario states one, is the check's verdict. */
  readonly violationsMetric?: string | undefined;
}

/** How many of a point's replications left a metric undefined, where some did and others did not (which fails the verdict). */
export interface UndefinedIn {
  readonly replications: number;
  readonly of: number;
}

/** How a verdict was judged over the replications (src/scenario/conditions.ts, EXPECT_RULES). */
export type ExpectRule = 'mean' | 'interval' | 'every';

/**
 * What a verdict rests on besides its mean (src/runner/verdict.ts); absent in results written before
 * they were recorded.
 */
export interface VerdictEvidence {
  readonly rule?: ExpectRule | undefined;
  /** The mean's 95 % interval; null with fewer than 2 replications defining the metric. */
  readonly ci95?: readonly [number, number] | null | undefined;
  /** Replications whose own value broke the condition, those that left the metric undefined among them. */
  readonly failedReplications?: number | undefined;
  readonly n?: number | undefined;
}

export interface ExpectationOutcome extends VerdictEvidence {
  readonly metric: string;
  readonly condition: string;
  readonly observed: number | null;
  readonly passed: boolean;
  readonly undefinedIn?: UndefinedIn | undefined;
}

/**
 * An optional measured distribution: points of an empirical CDF, `[value, cumulative fraction]`,
 * keyed by metric family (`consensus.commit_latency_ms`). When present it is drawn instead of the
 * percentile-point approximation (docs/reports.md).
 */
export interface LatencyCdf {
  readonly unit: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface SummaryPoint {
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly n: number;
  readonly metrics: Readonly<Record<string, MetricSummary>>;
  readonly checks: readonly CheckSummary[];
  readonly expectations: readonly ExpectationOutcome[];
  readonly traceHashes: readonly string[];
  readonly latency_cdf?: Readonly<Record<string, LatencyCdf>> | undefined;
}

export interface ReplicationFailure {
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly error: string;
}

/** One SLO judged at one probe of a size search; without interval or count where the probe stopped early. */
export interface SizeSloVerdict extends VerdictEvidence {
  readonly slo: string;
  /** The metric's mean over the probe's replications; with `atLeast`, what that mean could no longer go below. */
  readonly observed: number | null;
  readonly passed: boolean;
  readonly atLeast?: boolean | undefined;
  /** Not judged: the probe stopped early on another SLO. */
  readonly undecided?: boolean | undefined;
  readonly undefinedIn?: UndefinedIn | undefined;
}

export interface SizeProbe {
  readonly value: number;
  /** Index of the probe's point in `points`. */
  readonly point: number;
  readonly passed: boolean;
  readonly slos: readonly SizeSloVerdict[];
  /** `undefinedMetric`: the probe stopped because the replication ran to its end with that SLO metric undefined. */
  readonly stoppedEarly?: { readonly replication: number; readonly atUs: number; readonly slo: string; readonly undefinedMetric?: string | undefined } | undefined;
}

/** A size search's answer and its evidence (docs/results.md). */
export interface SizeSummary {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  readonly goal: 'largest' | 'smallest';
  readonly slos: readonly string[];
  /** How the probes judged the SLOs; absent in results written before it was recorded. */
  readonly rule?: ExpectRule | undefined;
  /** Null when no value in [lo, hi] meets every SLO, or the search did not finish. */
  readonly answer: number | null;
  readonly explanation: string;
  /** In the order they ran. */
  readonly probes: readonly SizeProbe[];
}

export interface Summary {
  readonly scenario: string;
  readonly status: RunStatus;
  readonly points: readonly SummaryPoint[];
  readonly failures: readonly ReplicationFailure[];
  /** Size searches only. */
  readonly size?: SizeSummary | undefined;
}

export interface ReplicationRecord {
  readonly point: number;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly replication: number;
  readonly seed: number;
  readonly metrics: Readonly<Record<string, { readonly unit: string; readonly value: number | null }>>;
  readonly traceHash: string;
  readonly wallMs?: number | undefined;
}

/** timeseries.csv in columnar form: one Float64Array per column, NaN for an empty cell. */
export interface Timeseries {
  readonly rowCount: number;
  readonly point: Float64Array;
  readonly replication: Float64Array;
  readonly timeS: Float64Array;
  readonly columns: ReadonlyMap<string, Float64Array>;
}

export interface ResultsFolder {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly summary: Summary;
  /** Empty when replications.jsonl is absent (a report does not need it; a comparison does). */
  readonly replications: readonly ReplicationRecord[];
  readonly hasReplicationsFile: boolean;
  /** Null when timeseries.csv is absent: the time-series figures are then omitted. */
  readonly timeseries: Timeseries | null;
}
