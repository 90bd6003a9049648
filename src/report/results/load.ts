/**
 * Reads and validates a results folder. Everything is checked before anything is rendered, so a
 * malformed folder yields one clear ResultsError and no half-written report.
 */
import { join } from 'node:path';
import { checkInputFolder, readInputFile, readOptionalInputFile } from '../../io/input-file.ts';
import { parseTimeseriesCsv } from '../../io/timeseries-csv.ts';
import { firstMismatch, sealMismatch } from '../../io/recorded-files.ts';
import { ReplicationLines } from '../../io/replication-lines.ts';
import { ResultsError, describeFound } from '../errors.ts';
import { parseOrThrow, zManifest, zReplication, zSummary } from './schemas.ts';
import type { Manifest, ReplicationRecord, ResultsFolder, Summary } from './types.ts';

export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILE = 'summary.json';
export const REPLICATIONS_FILE = 'replications.jsonl';
export const TIMESERIES_FILE = 'timeseries.csv';

/** How the shared readers (src/io) report a problem in a results folder: as the report's own error. */
export const resultsError = (...issue: ConstructorParameters<typeof ResultsError>): ResultsError => new ResultsError(...issue);

export function loadResults(dir: string): ResultsFolder {
  checkInputFolder(dir, resultsError, 'a results folder');
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = parseOrThrow(zManifest, readJson(manifestPath), manifestPath) as Manifest;
  const damaged = manifest.files === undefined ? undefined : firstMismatch(dir, manifest.files, manifest.pendingFiles);
  if (damaged !== undefined) throw new ResultsError(damaged.file, '', damaged.expected, damaged.found);
  const summaryPath = join(dir, SUMMARY_FILE);
  const summary = parseOrThrow(zSummary, readJson(summaryPath), summaryPath) as Summary;
  if (summary.points.length === 0 && manifest.status === 'complete') {
    throw new ResultsError(summaryPath, 'points', 'at least one point for a complete run', '[]');
  }
  // The size section reads each probe's replications off the point it names.
  summary.size?.probes.forEach((probe, i) => {
    if (probe.point >= summary.points.length) {
      throw new ResultsError(summaryPath, `size.probes[${i}].point`, `a point index below ${summary.points.length}`, describeFound(probe.point));
    }
  });
  const replicationsPath = join(dir, REPLICATIONS_FILE);
  const replicationsText = readOptionalInputFile(replicationsPath, resultsError)?.toString('utf8');
  const hasReplicationsFile = replicationsText !== undefined;
  const replications = hasReplicationsFile ? readReplications(replicationsPath, replicationsText, summary.points.length) : [];
  const timeseriesPath = join(dir, TIMESERIES_FILE);
  const timeseriesText = readOptionalInputFile(timeseriesPath, resultsError)?.toString('utf8');
  const timeseries = timeseriesText === undefined ? null : parseTimeseriesCsv(timeseriesText, timeseriesPath, resultsError);
  return { dir, manifest, summary, replications, hasReplicationsFile, timeseries };
}

function readJson(path: string): unknown {
  const text = readInputFile(path, resultsError, 'the file to exist').toString('utf8');
  const damaged = sealMismatch(path, text);
  if (damaged !== undefined) throw new ResultsError(damaged.file, '', damaged.expected, damaged.found);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultsError(path, '', 'valid JSON', (error as Error).message);
  }
}

function readReplications(path: string, text: string, pointCount: number): ReplicationRecord[] {
  const records: ReplicationRecord[] = [];
  const seen = new ReplicationLines();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new ResultsError(path, where, 'one JSON object per line', (error as Error).message);
    }
    const record = parseOrThrow(zReplication, data, path, where) as ReplicationRecord;
    if (record.point >= pointCount) {
      throw new ResultsError(path, `${where}.point`, `a point index below ${pointCount} (summary.json)`, describeFound(record.point));
    }
    const repeated = seen.repeated(record, i + 1);
    if (repeated !== undefined) throw new ResultsError(path, where, repeated.expected, repeated.found);
    records.push(record);
  });
  return records;
}
