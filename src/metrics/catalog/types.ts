/** One metric's documentation: `iomtsim list metrics` and docs/metrics.md print these. */
export interface MetricDoc {
  /** Dotted lower snake case, unit last, percentile as the last segment. */
  readonly name: string;
  readonly unit: string;
  readonly meaning: string;
}
