/**
 * The benchmark registry: every area registers its entries here (through bench/entries.ts), and
 * the suites are views over it. An entry is a plain function, so it can run in a child process
 * that imports only bench/entries.ts and calls it by name.
 */

/** Deterministic results of one run; the golden check compares them exactly. */
export type SimulatedMetrics = Readonly<Record<string, number | string | boolean>>;

/** What one run of an entry reports. */
export interface BenchRunResult {
  /** Wall time of the measured part only (setup and warm-up excluded), in ms. */
  readonly wallMs: number;
  /** Engine events processed in the measured part. */
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
  /** Dotted lower snake case, area first: 'engine.phold', 'consensus.pbft_n16'. */
  readonly name: string;
  /** One line for the report table. */
  readonly description: string;
  /** 'full' runs every entry; list 'quick' only for entries cheap enough for every CI run. */
  readonly suites: readonly SuiteName[];
  /** One complete run: build, warm up, measure. Must not depend on a previous call. */
  run(): BenchRunResult | Promise<BenchRunResult>;
}

const NAME_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export class BenchRegistry {
  private readonly entries = new Map<string, BenchEntry>();

  register(entry: BenchEntry): void {
    if (!NAME_PATTERN.test(entry.name)) {
      throw new Error(`bench entry name: expected dotted lower snake case like 'consensus.pbft_n16', found '${entry.name}'`);
    }
    if (this.entries.has(entry.name)) throw new Error(`bench entry '${entry.name}' is registered twice`);
    this.entries.set(entry.name, entry);
  }

  get(name: string): BenchEntry | undefined {
    return this.entries.get(name);
  }

  /** Entries of a suite in registration order ('full' holds every entry). */
  suite(name: SuiteName): BenchEntry[] {
    const all = [...this.entries.values()];
    return name === 'full' ? all : all.filter((e) => e.suites.includes(name));
  }

  names(): string[] {
    return [...this.entries.keys()];
  }
}
