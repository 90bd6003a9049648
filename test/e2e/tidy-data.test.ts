/** metrics.csv and timeseries.csv of a real sweep, read as a data-frame library would read them. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvStrict } from '../../src/io/testing/parse-csv.ts';
import { cli } from './cli.ts';

const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-e2e-tidy-')), 'sweep');

interface Record {
  point: number;
  parameters: { [key: string]: number };
  replication: number;
  seed: number;
  metrics: { [name: string]: { unit: string; value: number | null } };
}

beforeAll(async () => {
  const r = await cli(['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.nodes=4,7', '--reps', '2', '--workers', '1', '--set', 'duration=3s', '--set', 'warmup=0s', '--no-report', '--out', out]);
  expect(r.code).toBe(0);
}, 60_000);

describe('a sweep results folder', () => {
  it('holds metrics.csv: one row per point, replication and metric, with the swept parameter as a column', () => {
    const { header, rows } = parseCsvStrict(readFileSync(join(out, 'metrics.csv'), 'utf8'));
    expect(header).toEqual(['point', 'consensus.nodes', 'replication', 'seed', 'metric', 'unit', 'value']);
    const records = readFileSync(join(out, 'replications.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record);
    const expected = records.flatMap((rec) =>
      Object.keys(rec.metrics).sort().map((name) => {
        const { unit, value } = rec.metrics[name]!;
        return [String(rec.point), String(rec.parameters['consensus.nodes']), String(rec.replication), String(rec.seed), name, unit, value === null ? '' : String(value)];
      }),
    );
    expect(rows).toEqual(expected);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set(['4', '7']));
  });

  it('holds timeseries.csv with the swept parameter between point and replication', () => {
    const { header, rows } = parseCsvStrict(readFileSync(join(out, 'timeseries.csv'), 'utf8'));
    expect(header.slice(0, 4)).toEqual(['point', 'consensus.nodes', 'replication', 'time_s']);
    expect(new Set(rows.map((row) => `${row[0]}:${row[1]}`))).toEqual(new Set(['0:4', '1:7']));
  });
});
