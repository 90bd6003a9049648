/**
 * Output files: the one atomic writer (temporary file, then rename) that runner, report,
 * validation and bench write through, and timeseries.csv, which the runner writes and reads back
 * and the report reads.
 */
export { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';
export { parseTimeseriesCsv, rowsByReplication, timeseriesCsv, type FormatError, type TimeseriesBlock, type TimeseriesTable } from './timeseries-csv.ts';
