/**
 * The one shape of a benchmark entry. Every file in bench/entries/ exports entries of this shape,
 * and bench/entries/index.ts lists them; the harness runs each in its own child process.
 */

/** Deterministic results of one run; the golden check compares them exactly. */
export type SimulatedMetrics = Readonly<Record<string, number | string | boolean>>;

/** What one run of an entry reports. */
export interface BenchRunResult {
  /** Wall time of the measured part only (setup and warm-up excluded), in ms. */
  readonly wallMs: number;
  /** Engine events processed in the measured part (0 for an entry that is not a simulation). */
  readonly events: number;
  /** Virtual time covered by the measured part, in seconds. */
  readonly simulatedSeconds: number;
  /**
   * Model results that a fixed seed determines (throughput, latency percentiles, violations, trace
   * hash...). Never wall-clock numbers: these go to bench/golden/<entry>.json.
   */
  readonly metrics: SimulatedMetrics;
}

export const SUITE_NAMES = ['quick', 'full'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export interface BenchEntry {
  /** Dotted lower snake case, area first: 'engine.phold', 'consensus.pbft_n16_10s'. The golden file's name. */
  readonly name: string;
  /** One line for the report table. */
  readonly description: string;
  /** 'full' runs every entry; list 'quick' only for entries cheap enough for every CI run. */
  readonly suites: readonly SuiteName[];
  /** One complete run: build, warm up, measure. Must not depend on a previous call. */
  run(): BenchRunResult | Promise<BenchRunResult>;
  /**
   * The same replication split over `threads` threads (`iomtsim bench --threads N`), whose metrics
   * must be run()'s, or why it cannot split (the field, what a split needs, what it holds). Absent
   * where the entry is not one replication of a scenario.
   */
  split?(threads: number): SplitRun;
}

export type SplitRun = { readonly run: () => Promise<BenchRunResult> } | { readonly problem: string };
