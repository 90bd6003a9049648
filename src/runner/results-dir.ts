/**
 * Reading and writing a results folder (docs/results.md). Writing: every file atomically, the
 * manifest last with each file's size and SHA-256, so a manifest that says "complete" vouches for
 * the files beside it. Reading (for --resume and merge): a folder that is not a results folder, or
 * whose files are damaged (unparsable, or not what the manifest records), is an input error naming
 * the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputError } from '../scenario/index.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { checkInputFolder, readInputFile, readOptionalInputFile } from '../io/input-file.ts';
import { checkOutputFolder, checkUnusedFolder, claimNewFolder, folderPath, makeOutputFolder, outFlagSource } from '../io/output-folder.ts';
import { firstMismatch, recordOf, sealedJson, sealMismatch, type RecordedFile, type RecordedFiles } from '../io/recorded-files.ts';
import { metricsCsv } from '../io/metrics-csv.ts';
import { ReplicationLines } from '../io/replication-lines.ts';
import { parseTimeseriesCsv, rowsByReplication, timeseriesCsv } from '../io/timeseries-csv.ts';
import { RESULTS_FORMAT, RUN_KINDS, type Manifest } from './manifest.ts';
import { manifestProblem } from './manifest-check.ts';
import { compareRecords, type Summary } from './summary.ts';
import type { FinishedReplication, ReplicationFailure, ReplicationRecord } from './types.ts';

export const FILES = { manifest: 'manifest.json', summary: 'summary.json', replications: 'replications.jsonl', metrics: 'metrics.csv', timeseries: 'timeseries.csv' } as const;

/** Where a run writes: the folder `--out` names, else a new one under the results root. */
export interface ResultsFolderRequest {
  readonly outDir?: string;
  readonly resultsRoot?: string;
}

/**
 * Refuse, before any work, a results folder the run could not use: `--out` holding results already
 * (`taken` says what is expected instead), or anything else (a user's own files, another command's
 * output), or a folder that cannot be made or written.
 */
export function checkResultsFolder(request: ResultsFolderRequest, taken: string): void {
  const out = request.outDir;
  if (out === undefined) {
    checkOutputFolder(request.resultsRoot ?? 'results', request.resultsRoot ?? 'results');
    return;
  }
  checkOutFolder(out, outFlagSource(out), { taken });
}

/**
 * The one rule for every folder a command writes its output to (`--out`, or a default folder),
 * refused before any work as bad input from `source`: an empty path; a run's results folder (its
 * manifest.json: `taken` says what is expected instead), which only `--resume` may add to; a
 * folder holding anything else, unless it holds one of `own`, the files of this command's earlier
 * output there, which it replaces (compare, validate, trace: their default folders are fixed
 * paths); a folder that cannot be made or written. Nothing is made.
 */
export function checkOutFolder(dir: string, source: string, options: { readonly taken?: string; readonly own?: readonly string[]; readonly ownName?: string } = {}): void {
  if (dir !== '' && holdsResults(dir)) {
    throw inputError(source, folderPath(source), options.taken ?? "a folder that holds no run's results (only run --resume adds to them)", 'an existing results folder');
  }
  checkUnusedFolder(dir, source, options.own ?? [], options.ownName);
  checkOutputFolder(dir, source);
}

/** Whether `dir` holds a run's results: its manifest.json, which a run writes last. */
function holdsResults(dir: string): boolean {
  return existsSync(join(dir, FILES.manifest));
}

/** The file by which each report of other results knows a folder of its own earlier output (both write report.html and report.md). */
export const REPORT_MARKERS = { compare: 'comparison.json', validate: 'validation.json' } as const;

/**
 * Refuse, before any work, a folder a report of other results (compare, validate) would be written
 * to that holds a run's results (its report.html, report.md and figures/ would replace the run's
 * own), or files of anything but an earlier report of the same command: a comparison written over
 * a validation would leave validation.json beside a report that is no longer its own. `source`
 * names the folder in the message (the flag as typed, or the default folder).
 */
export function checkReportFolder(dir: string, source: string, command: keyof typeof REPORT_MARKERS): void {
  checkOutFolder(dir, source, { taken: "a folder that holds no run's results (their report would be replaced)", own: [REPORT_MARKERS[command]], ownName: command });
}

/**
 * Make the run's results folder and return it: `--out` as given, else a new
 * `results/<scenario>/<prefix><YYYYMMDD-HHMMSS>-<seed>`, with -2, -3... if taken (claimNewFolder:
 * two runs of one scenario and seed started in the same second, a CI matrix in one workspace,
 * never share one).
 */
export function makeResultsFolder(request: ResultsFolderRequest, scenarioName: string, prefix: string, seed: number, now: Date): string {
  if (request.outDir !== undefined) {
    makeOutputFolder(request.outDir, outFlagSource(request.outDir));
    return request.outDir;
  }
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return claimNewFolder(join(request.resultsRoot ?? 'results', scenarioName, `${prefix}${stamp}-${seed}`));
}

/** Make a results folder; `source` names where it came from in a message about it (the flag as typed). */
export function ensureDir(dir: string, source = dir): void {
  makeOutputFolder(dir, source);
}

/** Write the result files, then the manifest with each file's size and SHA-256, so readers can tell a damaged file. */
export function writeResultFiles(dir: string, manifest: Manifest, summary: Summary, finished: readonly FinishedReplication[]): void {
  const sorted = [...finished].sort((a, b) => compareRecords(a.record, b.record));
  const contents: [string, string][] = [
    [FILES.replications, sorted.map((f) => `${JSON.stringify(f.record)}\n`).join('')],
    [FILES.metrics, metricsCsv(sorted.map((f) => f.record))],
    [FILES.timeseries, timeseriesCsv(sorted.map((f) => ({ point: f.record.point, parameters: f.record.parameters, replication: f.record.replication, rows: f.timeseries })))],
    [FILES.summary, `${JSON.stringify(summary, null, 2)}\n`],
  ];
  const files: Record<string, RecordedFile> = Object.fromEntries(contents.map(([name, content]) => [name, recordOf(content)]));
  // The files are replaced one by one: a process killed among them leaves some of this checkpoint
  // and some of the last. The manifest says first what this one writes, beside what the last wrote
  // (`pendingFiles`), so such a folder still verifies and resumes, as `running` whatever this
  // checkpoint will say (the run's last says `complete`); then, the files written, only what they are.
  const last = lastRecordedFiles(dir);
  if (last !== undefined) writeFileAtomic(join(dir, FILES.manifest), sealedJson({ ...manifest, status: 'running', files: last, pendingFiles: files }));
  for (const [name, content] of contents) writeFileAtomic(join(dir, name), content);
  writeFileAtomic(join(dir, FILES.manifest), sealedJson({ ...manifest, files }));
}

/**
 * What the result files beside the manifest a checkpoint is about to replace hold (none before the
 * first): as it records them, or, where it was left by a checkpoint killed among its files (a
 * resumed run's first), as read from the files themselves, each one version or the other.
 */
function lastRecordedFiles(dir: string): RecordedFiles | undefined {
  const file = join(dir, FILES.manifest);
  if (!existsSync(file)) return undefined;
  const last = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
  if (last.pendingFiles === undefined) return last.files;
  const names = new Set([...Object.keys(last.files ?? {}), ...Object.keys(last.pendingFiles)]);
  return Object.fromEntries([...names].filter((name) => existsSync(join(dir, name))).map((name) => [name, recordOf(readFileSync(join(dir, name)))]));
}

/** A sealed JSON file's content, refused where its seal or its JSON is damaged. */
function parseJson(file: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  const damaged = sealMismatch(file, text);
  if (damaged !== undefined) throw inputError(damaged.file, '(file)', damaged.expected, damaged.found);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw inputError(file, '(file)', 'valid JSON', `a parse error: ${(err as Error).message}`);
  }
}

export interface StoredResults {
  readonly manifest: Manifest;
  readonly finished: FinishedReplication[];
  readonly failures: readonly ReplicationFailure[];
}

/** A results folder as written: a file of its, damaged or of another kind, is an input error naming it. */
export function readResults(dir: string): StoredResults {
  checkInputFolder(dir, inputError, 'an iomtsim results folder');
  const manifest = readManifest(dir);
  const damaged = manifest.files === undefined ? undefined : firstMismatch(dir, manifest.files, manifest.pendingFiles);
  if (damaged !== undefined) throw inputError(damaged.file, '(file)', damaged.expected, damaged.found);
  const records = readRecords(join(dir, FILES.replications));
  const timeseriesFile = join(dir, FILES.timeseries);
  const timeseries = readOptionalInputFile(timeseriesFile, inputError);
  const series = timeseries === undefined ? new Map() : rowsByReplication(parseTimeseriesCsv(timeseries.toString('utf8'), timeseriesFile, inputError));
  const finished = records.map((record) => ({ record, timeseries: series.get(`${record.point}:${record.replication}`) ?? [] }));
  const summaryFile = join(dir, FILES.summary);
  const summary = readOptionalInputFile(summaryFile, inputError);
  const failures = summary === undefined ? [] : ((parseJson(summaryFile, summary) as Summary).failures ?? []);
  return { manifest, finished, failures };
}

function readManifest(dir: string): Manifest {
  const file = join(dir, FILES.manifest);
  const manifest = parseJson(file, readInputFile(file, inputError, 'an iomtsim results folder with a manifest.json')) as Manifest;
  if (manifest?.format !== RESULTS_FORMAT) throw inputError(file, 'format', JSON.stringify(RESULTS_FORMAT), JSON.stringify(manifest?.format));
  // A kind the runner does not know would be resumed, then fail to report the folder it rewrote.
  if (!RUN_KINDS.includes(manifest.kind)) throw inputError(file, 'kind', `one of ${RUN_KINDS.map((k) => JSON.stringify(k)).join(', ')}`, JSON.stringify(manifest.kind));
  // Checked here, before a reader (--resume, merge) runs or writes anything on it: an unsealed
  // manifest (from before seals, or edited) may say anything.
  const problem = manifestProblem(manifest as unknown as Record<string, unknown>);
  if (problem !== undefined) throw inputError(file, problem.path, problem.expected, problem.found);
  return manifest;
}

/** replications.jsonl's records; none where the file is missing. A replication recorded twice is refused (ReplicationLines). */
function readRecords(file: string): ReplicationRecord[] {
  const text = readOptionalInputFile(file, inputError)?.toString('utf8') ?? '';
  const seen = new ReplicationLines();
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let record: ReplicationRecord;
    try {
      record = JSON.parse(line) as ReplicationRecord;
    } catch (err) {
      throw inputError(`${file}:${i + 1}`, '(line)', 'one JSON object per line', `a parse error: ${(err as Error).message}`);
    }
    const repeated = seen.repeated(record, i + 1);
    if (repeated !== undefined) throw inputError(`${file}:${i + 1}`, '(line)', repeated.expected, repeated.found);
    return [record];
  });
}
