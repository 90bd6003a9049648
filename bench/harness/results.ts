/**
 * What a suite run produces: per entry, every run's raw timings beside the calibration timed in
 * the same process, the peak memory, and the deterministic metrics. The full report is also the
 * baseline format that `--compare` reads.
 */
import type { ComparisonRow } from './compare.ts';
import type { SimulatedMetrics } from './entry.ts';
import { median } from '../../src/stats/index.ts';

export const REPORT_SCHEMA = 'iomtsim.bench/1';

export interface RunSample {
  /** Wall time of the entry's measured part. */
  readonly wallMs: number;
  /** CPU time (user + system, all threads) of the whole run() call, setup included. */
  readonly cpuMs: number;
  /** The calibration loop's wall and CPU time, measured in the same process just before this run. */
  readonly calibrationMs: number;
  readonly calibrationCpuMs: number;
  readonly events: number;
  readonly simulatedSeconds: number;
}

export interface EntryResult {
  readonly name: string;
  readonly description: string;
  readonly samples: readonly RunSample[];
  /** Peak resident set of the child process that ran this entry (Node and tsx included). */
  readonly peakRssBytes: number;
  /** Metrics of the first run; every other run must have produced the same. */
  readonly metrics: SimulatedMetrics;
  /** Set when runs of the same seed disagreed: the model is not deterministic. */
  readonly nondeterminism?: string;
}

export interface Environment {
  readonly cpuModel: string;
  readonly cpuCores: number;
  readonly totalMemoryBytes: number;
  readonly nodeVersion: string;
  readonly v8Version: string;
  readonly platform: string;
  readonly arch: string;
  readonly commit: string;
  readonly dirty: boolean;
}

export interface FullReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly suite: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly runsPerEntry: number;
  /** Unmeasured runs before each child's measured ones (run-entry.ts); absent in reports from before them, which had none. */
  readonly untimedRunsPerEntry?: number;
  /** Threads each entry's replication was split over (`--threads`); absent in reports from before it, which ran on one. */
  readonly threads?: number;
  readonly environment: Environment;
  readonly entries: readonly EntryResult[];
  /** Entries that could not split over `threads` threads, and why. */
  readonly skipped?: readonly { readonly name: string; readonly skipped: string }[];
  /** With `--compare`: every row of the comparison, confirmations and their fresh runs included. */
  readonly comparison?: BaselineComparison;
}

export interface BaselineComparison {
  /** The `--compare` file. */
  readonly baseline: string;
  readonly threshold: number;
  /** Where the baseline's machine, runtime or unmeasured runs differ from this run's (environment.ts). */
  readonly environmentDifferences: readonly string[];
  readonly rows: readonly ComparisonRow[];
  /** With `--beside`: the baseline's commit, whose runs beside this build's were compared instead of the recorded ones. */
  readonly beside?: string;
}

/** Medians over an entry's runs. */
export interface EntrySummary {
  readonly wallMs: number;
  readonly eventsPerSec: number;
  readonly simSecondsPerWallSecond: number;
  /** CPU time in units of the calibration loop's: the machine-independent cost that is compared. */
  readonly normalizedCpu: number;
  readonly eventsPerSecMin: number;
  readonly eventsPerSecMax: number;
}

/**
 * Each run's CPU time over the median calibration of the entry's runs. The calibrations are pooled
 * because one calibration is short and noisier (CV 6–7 % here) than the runs themselves (±2 %).
 */
export function normalizedCpu(samples: readonly RunSample[]): number[] {
  const calibration = median(samples.map((s) => s.calibrationCpuMs));
  return samples.map((s) => s.cpuMs / calibration);
}

export function summarize(e: EntryResult): EntrySummary {
  const eps = e.samples.map((s) => (s.events * 1000) / s.wallMs);
  return {
    wallMs: median(e.samples.map((s) => s.wallMs)),
    eventsPerSec: median(eps),
    simSecondsPerWallSecond: median(e.samples.map((s) => (s.simulatedSeconds * 1000) / s.wallMs)),
    normalizedCpu: median(normalizedCpu(e.samples)),
    eventsPerSecMin: Math.min(...eps),
    eventsPerSecMax: Math.max(...eps),
  };
}
