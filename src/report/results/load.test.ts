import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultsError } from '../errors.ts';
import { writeRunFixture } from '../fixtures/results-fixture.ts';
import { tempResultsDir } from '../fixtures/temp-dir.ts';
import { loadResults } from './load.ts';

function fixture(): string {
  const dir = tempResultsDir('load');
  writeRunFixture(dir, { durationS: 5 });
  return dir;
}

function errorOf(run: () => unknown): ResultsError {
  try {
    run();
  } catch (error) {
    if (error instanceof ResultsError) return error;
    throw error;
  }
  throw new Error('expected a ResultsError');
}

describe('loadResults', () => {
  it('reads a well-formed folder', () => {
    const folder = loadResults(fixture());
    expect(folder.summary.points).toHaveLength(1);
    expect(folder.replications).toHaveLength(5);
    expect(folder.timeseries?.rowCount).toBe(25);
    expect(folder.timeseries?.columns.has('throughput_tps')).toBe(true);
  });

  it("refuses a size search's probe that names a point summary.json does not hold", () => {
    const dir = fixture();
    const path = join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(path, 'utf8'));
    const probe = { value: 8, point: 1, passed: true, slos: [] };
    writeFileSync(path, JSON.stringify({ ...summary, size: { key: 'consensus.nodes', lo: 4, hi: 8, goal: 'largest', slos: [], answer: 8, explanation: '', probes: [probe] } }));
    expect(errorOf(() => loadResults(dir)).message).toBe(`${path}: size.probes[0].point: expected a point index below 1, found 1`);
  });

  it('names the missing file', () => {
    const dir = fixture();
    rmSync(join(dir, 'summary.json'));
    const error = errorOf(() => loadResults(dir));
    expect(error.file).toBe(join(dir, 'summary.json'));
    expect(error.found).toBe('no such file');
  });

  it('names a file given where the folder should be: found a file', () => {
    const file = join(fixture(), 'summary.json');
    const error = errorOf(() => loadResults(file));
    expect(error.message).toBe(`${file}: (folder): expected a results folder, found a file`);
  });

  it('names a directory in place of a file: expected a file, found a directory', () => {
    const dir = fixture();
    rmSync(join(dir, 'timeseries.csv'));
    mkdirSync(join(dir, 'timeseries.csv'));
    expect(errorOf(() => loadResults(dir)).message).toBe(`${join(dir, 'timeseries.csv')}: (file): expected a file, found a directory`);
  });

  it('names the field, what was expected and what was found', () => {
    const dir = fixture();
    const path = join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(path, 'utf8'));
    summary.points[0].metrics['consensus.throughput_tps'].mean = 'fast';
    writeFileSync(path, JSON.stringify(summary));
    const error = errorOf(() => loadResults(dir));
    expect(error.field).toBe('points[0].metrics.consensus.throughput_tps.mean');
    expect(error.expected).toBe('number');
    expect(error.found).toBe('"fast"');
    expect(error.message).toContain('summary.json');
  });

  it('rejects an unknown results format', () => {
    const dir = fixture();
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), format: 'other/9' }));
    expect(errorOf(() => loadResults(dir)).field).toBe('format');
  });

  it('says which format it expected, in words of its own', () => {
    const dir = fixture();
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), format: 'x' }));
    expect(errorOf(() => loadResults(dir)).message).toBe(`${path}: format: expected "iomtsim-results/1", found "x"`);
  });

  it('lists the kinds it knows for an unknown kind', () => {
    const dir = fixture();
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), kind: 'x' }));
    expect(errorOf(() => loadResults(dir)).message).toBe(`${path}: kind: expected one of "run", "sweep", "size", found "x"`);
  });

  it('locates a bad timeseries cell by line and column', () => {
    const dir = fixture();
    const path = join(dir, 'timeseries.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[3] = lines[3]?.replace(/,[^,]*$/, ',lots') ?? '';
    writeFileSync(path, lines.join('\n'));
    const error = errorOf(() => loadResults(dir));
    expect(error.field).toBe('line 4, column "mempool_txs"');
    expect(error.found).toBe('"lots"');
  });

  it('locates a malformed replication line', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'replications.jsonl'), '{"point": 0}\n');
    const error = errorOf(() => loadResults(dir));
    expect(error.field).toBe('line 1: parameters');
  });

  it('refuses a replication recorded twice, naming both lines', () => {
    const dir = fixture();
    const file = join(dir, 'replications.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    writeFileSync(file, [...lines, lines[1]!].map((l) => `${l}\n`).join(''));
    const error = errorOf(() => loadResults(dir));
    expect(error.field).toBe(`line ${lines.length + 1}`);
    expect(error.expected).toBe('each replication of each point recorded once');
    expect(error.found).toBe('point 0, replication 1 again (line 2 has it)');
  });
});
