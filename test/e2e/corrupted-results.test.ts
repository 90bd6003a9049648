/**
 * report, compare and merge given a results folder with one damaged file (each file in turn,
 * truncated to half, with one digit changed, or a directory in its place) refuse it naming the file, and write nothing: no
 * report in the folder, no comparison, no merged folder. Every case runs in process; two run
 * through the command line as well, for the exit code 2 and the message on stderr.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.ts';
import { writeReport } from '../../src/report/index.ts';
import { writeComparison } from '../../src/report/compare/write-compare.ts';
import { mergeShards } from '../../src/runner/merge.ts';
import { recordOf, sealedJson } from '../../src/io/recorded-files.ts';

const RESULT_FILES = ['manifest.json', 'summary.json', 'replications.jsonl', 'metrics.csv', 'timeseries.csv'];
const DAMAGES = {
  truncated: (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2)),
  // One digit changed in the middle of the file: the same size, still parsable in most files.
  'one digit changed': (file: string) => {
    const bytes = readFileSync(file);
    let i = Math.floor(bytes.length / 2);
    while (!(bytes[i]! >= 0x30 && bytes[i]! <= 0x38)) i++;
    bytes[i] = bytes[i]! + 1;
    writeFileSync(file, bytes);
  },
  'a directory': (file: string) => {
    rmSync(file);
    mkdirSync(file);
  },
} as const;

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-damaged-'));
const SHORT = ['--set', 'duration=3s', '--set', 'warmup=0s', '--workers', '1', '--no-report'];
const sweep = ['sweep', 'scenarios/consortium.yaml', '--vary', 'consensus.nodes=4,7', '--reps', '2', ...SHORT];

beforeAll(async () => {
  const made = await Promise.all([
    cli(['run', 'scenarios/consortium.yaml', '--reps', '2', '--out', join(root, 'a'), ...SHORT]),
    cli(['run', 'scenarios/consortium.yaml', '--reps', '2', '--out', join(root, 'b'), ...SHORT]),
    cli([...sweep, '--shard', '1/2', '--out', join(root, 's1')]),
    cli([...sweep, '--shard', '2/2', '--out', join(root, 's2')]),
  ]);
  expect(made.map((r) => r.code)).toEqual([0, 0, 0, 0]);
}, 120_000);

/** A copy of results folder `from` with `file` damaged, and what the copy holds before any command. */
function damagedCopy(from: string, file: string, damage: keyof typeof DAMAGES): { dir: string; before: Map<string, string> } {
  const dir = mkdtempSync(join(root, `${from}-`));
  cpSync(join(root, from), dir, { recursive: true });
  DAMAGES[damage](join(dir, file));
  return { dir, before: snapshot(dir) };
}

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir, { recursive: true }).map((name) => String(name)).sort().map((name) => [name, contentOf(join(dir, name))]));
}

function contentOf(path: string): string {
  if (!existsSync(path)) return '';
  return statSync(path).isDirectory() ? 'a directory' : readFileSync(path).toString('base64');
}

/** The message of what `act` threw or rejected with ('' if it succeeded). */
async function refusal(act: () => unknown): Promise<string> {
  try {
    await act();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

describe.each(Object.keys(DAMAGES) as (keyof typeof DAMAGES)[])('a results folder with one file %s', (damage) => {
  it.each(RESULT_FILES)('%s: report, compare and merge refuse it, name the file and write nothing', async (file) => {
    const run = damagedCopy('a', file, damage);
    const shard = damagedCopy('s1', file, damage);
    const comparison = join(root, `cmp-${damage}-${file}`);
    const merged = join(root, `merged-${damage}-${file}`);
    expect(await refusal(() => writeReport(run.dir)), 'report').toContain(join(run.dir, file));
    expect(await refusal(() => writeComparison(run.dir, join(root, 'b'), comparison)), 'compare').toContain(join(run.dir, file));
    expect(await refusal(() => mergeShards([shard.dir, join(root, 's2')], merged)), 'merge').toContain(join(shard.dir, file));
    expect(snapshot(run.dir)).toEqual(run.before);
    expect(snapshot(shard.dir)).toEqual(shard.before);
    expect(existsSync(comparison)).toBe(false);
    expect(existsSync(merged)).toBe(false);
  });
});

describe('a results folder with a directory in place of a file', () => {
  it.each(RESULT_FILES)('%s: report, compare and merge say a file was expected and a directory found', async (file) => {
    const run = damagedCopy('a', file, 'a directory');
    const shard = damagedCopy('s1', file, 'a directory');
    const says = (dir: string) => `${join(dir, file)}: (file): expected a file, found a directory`;
    expect(await refusal(() => writeReport(run.dir)), 'report').toBe(says(run.dir));
    expect(await refusal(() => writeComparison(run.dir, join(root, 'b'), join(root, `cmp-says-${file}`))), 'compare').toBe(says(run.dir));
    expect(await refusal(() => mergeShards([shard.dir, join(root, 's2')], join(root, `merged-says-${file}`))), 'merge').toBe(says(shard.dir));
  });
});

describe('on the command line', () => {
  it.each([['summary.json', 'truncated'], ['manifest.json', 'one digit changed'], ['replications.jsonl', 'a directory']] as const)('%s %s: report, compare and merge exit 2 naming the file and write nothing', async (file, damage) => {
    const run = damagedCopy('a', file, damage);
    const shard = damagedCopy('s1', file, damage);
    const comparison = join(root, `cli-cmp-${file}`);
    const merged = join(root, `cli-merged-${file}`);
    const [report, compare, merge] = await Promise.all([
      cli(['report', run.dir]),
      cli(['compare', run.dir, join(root, 'b'), '--out', comparison]),
      cli(['merge', shard.dir, join(root, 's2'), '--out', merged]),
    ]);
    for (const [name, r] of [['report', report], ['compare', compare], ['merge', merge]] as const) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(2);
      expect(r.stderr, name).toContain(file);
    }
    expect(snapshot(run.dir)).toEqual(run.before);
    expect(snapshot(shard.dir)).toEqual(shard.before);
    expect(existsSync(comparison)).toBe(false);
    expect(existsSync(merged)).toBe(false);
  }, 60_000);
});

describe('a folder whose path holds a control character', () => {
  it('is named by report and compare with the character escaped, not written to the terminal raw', async () => {
    const dir = join(root, 'esc\u001b[31mdir');
    mkdirSync(dir);
    const [report, compare] = await Promise.all([cli(['report', dir]), cli(['compare', dir, join(root, 'b'), '--out', join(root, 'cmp-esc')])]);
    for (const [name, r] of [['report', report], ['compare', compare]] as const) {
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toBe(`iomtsim ${name}: ${join(root, 'esc\\u001b[31mdir')}/manifest.json: (file): expected the file to exist, found no such file\n`);
    }
  });
});

describe('merge of a shard whose record was relabelled to a replication another shard holds, its manifest sealed again', () => {
  it('exits 2 naming the shard\'s replications.jsonl and its record, with no stack trace and no merged folder', async () => {
    const dir = mkdtempSync(join(root, 's2-relabelled-'));
    cpSync(join(root, 's2'), dir, { recursive: true });
    const file = join(dir, 'replications.jsonl');
    // Shard 2/2 holds (point 0, replication 1) and (1, 1); shard 1/2 holds (1, 0).
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    lines[1]!['replication'] = 0;
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    writeFileSync(file, text);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, unknown> };
    manifest.files['replications.jsonl'] = recordOf(text);
    writeFileSync(join(dir, 'manifest.json'), sealedJson(manifest));
    const merged = join(root, 'cli-merged-relabelled');
    const r = await cli(['merge', join(root, 's1'), dir, '--out', merged]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`${file}: record 2: expected a replication of the run the manifest describes (point below 2, replication below 2, in its shard), found point 1, replication 0\n`);
    expect(existsSync(merged)).toBe(false);
  }, 60_000);
});
