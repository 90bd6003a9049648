/**
 * Reads and validates a results folder. Everything is checked before anything is rendered, so a
 * malformed folder yields one clear ResultsError and no half-written report.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTimeseriesCsv } from '../../io/timeseries-csv.ts';
import { firstMismatch, sealMismatch } from '../../io/recorded-files.ts';
import { ResultsError, describeFound } from '../errors.ts';
import { parseOrThrow, zManifest, zReplication, zSummary } from './schemas.ts';
import type { Manifest, ReplicationRecord, ResultsFolder, Summary } from './types.ts';

export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILE = 'summary.json';
export const REPLICATIONS_FILE = 'replications.jsonl';
export const TIMESERIES_FILE = 'timeseries.csv';

export function loadResults(dir: string): ResultsFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ResultsError(dir, '', 'a results folder', 'no such folder');
  }
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = parseOrThrow(zManifest, readJson(manifestPath), manifestPath) as Manifest;
  const damaged = manifest.files === undefined ? undefined : firstMismatch(dir, manifest.files);
  if (damaged !== undefined) throw new ResultsError(damaged.file, '', damaged.expected, damaged.found);
  const summaryPath = join(dir, SUMMARY_FILE);
  const summary = parseOrThrow(zSummary, readJson(summaryPath), summaryPath) as Summary;
  if (summary.points.length === 0 && manifest.status === 'complete') {
    throw new ResultsError(summaryPath, 'points', 'at least one point for a complete run', '[]');
  }
  const replicationsPath = join(dir, REPLICATIONS_FILE);
  const hasReplicationsFile = existsSync(replicationsPath);
  const replications = hasReplicationsFile ? readReplications(replicationsPath, summary.points.length) : [];
  const timeseriesPath = join(dir, TIMESERIES_FILE);
  const timeseries = existsSync(timeseriesPath)
    ? parseTimeseriesCsv(readFileSync(timeseriesPath, 'utf8'), timeseriesPath, (...issue) => new ResultsError(...issue))
    : null;
  return { dir, manifest, summary, replications, hasReplicationsFile, timeseries };
}

function readJson(path: string): unknown {
  if (!existsSync(path)) throw new ResultsError(path, '', 'the file to exist', 'no such file');
  const text = readFileSync(path, 'utf8');
  const damaged = sealMismatch(path, text);
  if (damaged !== undefined) throw new ResultsError(damaged.file, '', damaged.expected, damaged.found);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultsError(path, '', 'valid JSON', (error as Error).message);
  }
}

function readReplications(path: string, pointCount: number): ReplicationRecord[] {
  const records: ReplicationRecord[] = [];
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
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
    records.push(record);
  });
  return records;
}
