import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenario/index.ts';
import type { Manifest } from './manifest.ts';
import { checkOutFolder, checkReportFolder, checkResultsFolder, makeResultsFolder, readResults, writeResultFiles } from './results-dir.ts';

/** The message of the input error `act` throws. */
function refusal(act: () => unknown): string {
  try {
    act();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** A folder holding only a manifest.json with `fields` (unsealed, as from before seals). */
function folderWithManifest(fields: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-read-'));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ format: 'iomtsim-results/1', kind: 'run', ...fields }, null, 2)}\n`);
  return dir;
}

describe('a new run folder', () => {
  it('is made under results/<scenario>/ and named by time and seed; a second claim in the same second gets -2, then -3', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-claim-'));
    const now = new Date(Date.UTC(2026, 11, 6, 9, 5, 7));
    const claims = [1, 2, 3].map(() => makeResultsFolder({ resultsRoot: root }, 'pbft', 'sweep-', 42, now));
    const base = join(root, 'pbft', 'sweep-20261206-090507-42');
    expect(claims).toEqual([base, `${base}-2`, `${base}-3`]);
    for (const dir of claims) expect(statSync(dir).isDirectory()).toBe(true);
  });
});

describe('reading a results folder (--resume, merge)', () => {
  it('refuses a file given for the folder: found a file', () => {
    const file = join(folderWithManifest({}), 'manifest.json');
    expect(refusal(() => readResults(file))).toBe(`${file}: (folder): expected an iomtsim results folder, found a file`);
  });

  it('refuses another format, quoting both', () => {
    const dir = folderWithManifest({ format: 'x' });
    expect(refusal(() => readResults(dir))).toBe(`${join(dir, 'manifest.json')}: format: expected "iomtsim-results/1", found "x"`);
  });

  it('refuses a kind it does not know, which it would otherwise resume', () => {
    const dir = folderWithManifest({ kind: 'x' });
    expect(refusal(() => readResults(dir))).toBe(`${join(dir, 'manifest.json')}: kind: expected one of "run", "sweep", "size", found "x"`);
  });
});

describe('the folder of a report of other results (compare --out, validate --out)', () => {
  it('refuses a folder that holds a run\'s results, writing nothing', () => {
    const dir = folderWithManifest({});
    expect(refusal(() => checkReportFolder(dir, `--out ${dir}`, 'compare'))).toBe(`--out ${dir}: (flag): expected a folder that holds no run's results (their report would be replaced), found an existing results folder`);
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('accepts a folder of an earlier report, and a new one, making nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-report-folder-'));
    mkdirSync(join(root, 'earlier'));
    writeFileSync(join(root, 'earlier', 'comparison.json'), '{}\n');
    checkReportFolder(join(root, 'earlier'), '--out earlier', 'compare');
    checkReportFolder(join(root, 'new'), '--out new', 'validate');
    expect(existsSync(join(root, 'new'))).toBe(false);
  });

  it("refuses the other report's folder: a comparison over a validation, a validation over a comparison", () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-report-folder-'));
    for (const [name, marker] of [['validation', 'validation.json'], ['comparison', 'comparison.json']]) {
      mkdirSync(join(root, name!));
      for (const f of ['report.html', 'report.md', marker!]) writeFileSync(join(root, name!, f), 'x');
    }
    expect(refusal(() => checkReportFolder(join(root, 'validation'), '--out validation', 'compare'))).toBe("--out validation: (flag): expected an empty or new folder, or the folder of an earlier compare (holding 'comparison.json'), found 3 entries, e.g. 'report.html', 'report.md', 'validation.json'");
    expect(refusal(() => checkReportFolder(join(root, 'comparison'), '--out comparison', 'validate'))).toContain("or the folder of an earlier validate (holding 'validation.json')");
    checkReportFolder(join(root, 'validation'), '--out validation', 'validate');
    checkReportFolder(join(root, 'comparison'), '--out comparison', 'compare');
  });

  it('refuses a folder that cannot be made, naming the flag', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-report-folder-'));
    writeFileSync(join(root, 'file'), 'x');
    expect(refusal(() => checkReportFolder(join(root, 'file', 'out'), '--out file/out', 'validate'))).toBe(`--out file/out: (flag): expected a folder iomtsim can create and write to, found ${join(root, 'file')}, a file, where a folder would have to be`);
  });
});

describe('the one rule for every --out', () => {
  it("refuses an existing results folder for any command, with the command's own words", () => {
    const dir = folderWithManifest({});
    expect(refusal(() => checkOutFolder(dir, `--out ${dir}`, { own: ['trace.json'] }))).toBe(`--out ${dir}: (flag): expected a folder that holds no run's results (only run --resume adds to them), found an existing results folder`);
  });

  it("refuses a run's --out holding a user's own files, or another command's output (a trace)", () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-rule-'));
    writeFileSync(join(root, 'metrics.csv'), 'mine');
    expect(refusal(() => checkResultsFolder({ outDir: root }, 'a folder that holds no results yet'))).toBe(`--out ${root}: (flag): expected an empty or new folder, found 1 entry, e.g. 'metrics.csv'`);
    const trace = mkdtempSync(join(tmpdir(), 'iomtsim-out-rule-'));
    writeFileSync(join(trace, 'trace.json'), '{}');
    expect(refusal(() => checkResultsFolder({ outDir: trace }, 'a folder that holds no results yet'))).toBe(`--out ${trace}: (flag): expected an empty or new folder, found 1 entry, e.g. 'trace.json'`);
    expect(refusal(() => checkReportFolder(trace, `--out ${trace}`, 'compare'))).toContain("found 1 entry, e.g. 'trace.json'");
    expect(readdirSync(trace)).toEqual(['trace.json']);
  });

  it("names an empty --out, quoted", () => {
    expect(refusal(() => checkResultsFolder({ outDir: '' }, 'a folder that holds no results yet'))).toBe("--out '': (flag): expected a folder path, found ''");
  });
});

describe('the result files a run writes', () => {
  /** A replication of a two-point sweep over consensus.nodes, with one metric and two windows that carry its identity. */
  function finished(point: number, replication: number) {
    const id = point * 10 + replication;
    return {
      record: { point, parameters: { 'consensus.nodes': 3 + point }, replication, seed: 100 + replication, metrics: { 'x.id': { unit: 'count', value: id } }, checks: [], traceHash: `h${id}`, eventsProcessed: 1, simulatedUs: 2_000_000, wallMs: 0 },
      timeseries: [{ timeS: 1, id }, { timeS: 2, id: id + 0.5 }],
    };
  }

  it('hold the replications in (point, replication) order, each row beside its own point\'s parameters, whatever order they finished in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-write-'));
    const manifest = { format: 'iomtsim-results/1', kind: 'sweep' } as unknown as Manifest;
    writeResultFiles(dir, manifest, { scenario: 'toy', status: 'running', points: [], failures: [] }, [finished(1, 0), finished(0, 1), finished(0, 0)]);
    const text = (file: string) => readFileSync(join(dir, file), 'utf8');
    expect(text('replications.jsonl').trim().split('\n').map((l) => JSON.parse(l).traceHash)).toEqual(['h0', 'h1', 'h10']);
    expect(text('metrics.csv')).toBe('point,consensus.nodes,replication,seed,metric,unit,value\n0,3,0,100,x.id,count,0\n0,3,1,101,x.id,count,1\n1,4,0,100,x.id,count,10\n');
    expect(text('timeseries.csv')).toBe('point,consensus.nodes,replication,time_s,id\n0,3,0,1,0\n0,3,0,2,0.5\n0,3,1,1,1\n0,3,1,2,1.5\n1,4,0,1,10\n1,4,0,2,10.5\n');
  });
});
