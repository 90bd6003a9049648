import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueOf } from '../scenario/testing/input-issue.ts';
import { checkOutputFile, checkOutputFolder, checkUnusedFolder, makeOutputFolder } from './output-folder.ts';


describe('output folders', () => {
  it('makes every missing level of a nested folder, and accepts one that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    makeOutputFolder(join(root, 'a', 'b', 'c'), '--out x');
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(issueOf(() => makeOutputFolder(join(root, 'a'), '--out x'))).toBeUndefined();
  });

  it('refuses, before making anything, a folder whose nearest existing level is a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    writeFileSync(join(root, 'file'), 'x');
    const issue = issueOf(() => checkOutputFolder(join(root, 'file', 'sub', 'results'), '--out y'));
    expect(issue).toEqual({ source: '--out y', path: '(flag)', expected: 'a folder iomtsim can create and write to', found: `${join(root, 'file')}, a file, where a folder would have to be` });
    expect(existsSync(join(root, 'file', 'sub'))).toBe(false);
  });

  // Node's recursive mkdir spins for ever under /proc, where mkdir answers ENOENT (as root) or
  // EACCES; made level by level, either is an input error at once.
  it.runIf(existsSync('/proc/self'))('refuses a folder under /proc at once instead of spinning', () => {
    const issue = issueOf(() => makeOutputFolder('/proc/iomtsim-results/run', '--out /proc/iomtsim-results/run'));
    expect(issue?.source).toBe('--out /proc/iomtsim-results/run');
    expect(issue?.found).toMatch(/^\/proc(\/iomtsim-results)?, (which could not be made \(E[A-Z]+\)|a folder this process may not write to)$/);
  });
});

describe('the folder an output goes to', () => {
  it("refuses an empty path (an unset $OUT), which would be the current folder", () => {
    expect(issueOf(() => checkOutputFolder('', "--out ''"))).toEqual({ source: "--out ''", path: '(flag)', expected: 'a folder path', found: "''" });
  });

  it('says (folder), not (flag), about a default folder no flag named', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    writeFileSync(join(root, 'results'), 'x');
    expect(issueOf(() => checkOutputFolder(join(root, 'results', 'run'), 'results'))?.path).toBe('(folder)');
  });

  it("refuses a folder of the user's own files, naming how many and some of them, and accepts an empty or new one", () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    writeFileSync(join(root, 'metrics.csv'), 'mine');
    writeFileSync(join(root, 'summary.json'), 'mine');
    expect(issueOf(() => checkUnusedFolder(root, `--out ${root}`))).toEqual({ source: `--out ${root}`, path: '(flag)', expected: 'an empty or new folder', found: "2 entries, e.g. 'metrics.csv', 'summary.json'" });
    expect(issueOf(() => checkUnusedFolder(mkdtempSync(join(tmpdir(), 'iomtsim-out-')), '--out x'))).toBeUndefined();
    expect(issueOf(() => checkUnusedFolder(join(root, 'new'), '--out x'))).toBeUndefined();
  });

  it("accepts a folder of the command's own earlier output, which it replaces", () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    writeFileSync(join(root, 'trace.json'), '{}');
    expect(issueOf(() => checkUnusedFolder(root, '--out x', ['trace.json', 'sequence.svg'], 'trace'))).toBeUndefined();
    expect(issueOf(() => checkUnusedFolder(root, '--out x', ['report.html'], 'report'))?.expected).toBe("an empty or new folder, or the folder of an earlier report (holding 'report.html')");
  });
});

describe('output files', () => {
  it('accepts a new file in a folder still to be made, making nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    expect(issueOf(() => checkOutputFile(join(root, 'new', 'x.json'), '--json'))).toBeUndefined();
    expect(existsSync(join(root, 'new'))).toBe(false);
  });

  it('refuses a bare flag: no file named', () => {
    expect(issueOf(() => checkOutputFile('', '--json'))).toEqual({ source: '--json', path: '(flag)', expected: 'a file path iomtsim can write to', found: 'nothing' });
  });

  it('refuses a folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    expect(issueOf(() => checkOutputFile(root, '--json'))).toEqual({ source: `--json ${root}`, path: '(flag)', expected: 'a file path iomtsim can write to', found: `${root}, a folder` });
  });

  it('refuses a path ending with a separator, which names a folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    expect(issueOf(() => checkOutputFile(`${root}/new/`, '--json'))?.found).toBe(`'${root}/new/', a folder path (it ends with a separator)`);
  });

  it('refuses a file under a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-out-'));
    writeFileSync(join(root, 'file'), 'x');
    const issue = issueOf(() => checkOutputFile(join(root, 'file', 'x.json'), '--json'));
    expect(issue?.source).toBe(`--json ${join(root, 'file', 'x.json')}`);
    expect(issue?.found).toBe(`${join(root, 'file')}, a file, where a folder would have to be`);
  });
});
