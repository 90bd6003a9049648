/**
 * Output files: the one atomic writer (temporary file, then rename) that runner, report,
 * validation and bench write through; timeseries.csv, which the runner writes and reads back
 * and the report reads; and metrics.csv, the runner's long-format table of every metric.
 */
export { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';
export { parseTimeseriesCsv, rowsByReplication, timeseriesCsv, type FormatError, type TimeseriesBlock, type TimeseriesTable } from './timeseries-csv.ts';
export { metricsCsv, type MetricsRecord } from './metrics-csv.ts';
