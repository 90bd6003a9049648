/** Metric collectors and summaries; no engine knowledge. */
export * from './types.ts';
export { Histogram, type Summary } from './histogram.ts';
export { QUANTILE_GRID, QUANTILE_GRID_PERMILLE, distributionOf, distributionsOf, type Distribution, type Distributions, type PercentileSource } from './distribution.ts';
export { TimeWindows } from './windows.ts';
export { ConsensusCollector, type NetworkWindowTotals } from './consensus-collector.ts';
export { METRIC_DOCS, metricDoc, type MetricDoc } from './catalog.ts';
