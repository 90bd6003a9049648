/**
 * Which way a metric is better, decided with its definition so every reader (the comparison's
 * gate first) takes it from one place. `neither` is a decision too: a workload or ground-truth
 * count, or a metric that moves either way for good reasons, which no comparison may call worse.
 */
export type BetterDirection = 'higher' | 'lower' | 'neither';

/** One metric's documentation: `iomtsim list metrics` and docs/metrics.md print these. */
export interface MetricDoc {
  /** Dotted lower snake case, unit last, percentile as the last segment. */
  readonly name: string;
  readonly unit: string;
  readonly meaning: string;
  /** Every catalog entry states it (CatalogMetricDoc); optional only for docs made elsewhere. */
  readonly better?: BetterDirection;
}

/** An entry of the catalog's area lists: the better direction is required, so none goes undecided. */
export interface CatalogMetricDoc extends MetricDoc {
  readonly better: BetterDirection;
}
