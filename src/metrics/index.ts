/** Metric collectors and summaries; no engine knowledge. */
export * from './types.ts';
export { Histogram, type Summary } from './histogram.ts';
export { TimeWindows } from './windows.ts';
export { ConsensusCollector, type NetworkWindowTotals } from './consensus-collector.ts';
export { METRIC_DOCS, metricDoc, type MetricDoc } from './catalog.ts';
