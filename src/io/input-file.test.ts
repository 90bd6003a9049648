import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputError } from '../scenario/errors.ts';
import { issueOf } from '../scenario/testing/input-issue.ts';
import { checkInputFolder, notAFile, readInputFile, readOptionalInputFile } from './input-file.ts';

/** A folder holding the file `a.txt` and the folder `d`. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-input-'));
  writeFileSync(join(dir, 'a.txt'), 'hello');
  mkdirSync(join(dir, 'd'));
  return dir;
}


describe('a file named by input', () => {
  it('is read when it is a file', () => {
    const dir = folder();
    expect(notAFile(join(dir, 'a.txt'))).toBeUndefined();
    expect(readInputFile(join(dir, 'a.txt'), inputError).toString()).toBe('hello');
  });

  it('is refused as a file expected, a directory found, where a directory stands', () => {
    const dir = folder();
    expect(issueOf(() => readInputFile(join(dir, 'd'), inputError, 'summary.json'))).toEqual({ source: join(dir, 'd'), path: '(file)', expected: 'a file', found: 'a directory' });
  });

  it('is refused with what the missing file would have been, where nothing stands', () => {
    const dir = folder();
    expect(issueOf(() => readInputFile(join(dir, 'none'), inputError, 'summary.json'))).toEqual({ source: join(dir, 'none'), path: '(file)', expected: 'summary.json', found: 'no such file' });
  });

  it('is missing, not a crash, under a file', () => {
    const dir = folder();
    expect(notAFile(join(dir, 'a.txt', 'x'))).toEqual({ expected: 'a file', found: 'no such file' });
  });
});

describe('a file a folder may lack', () => {
  it('is undefined where nothing stands', () => {
    expect(readOptionalInputFile(join(folder(), 'none'), inputError)).toBeUndefined();
  });

  it('is refused where a directory stands', () => {
    const dir = folder();
    expect(issueOf(() => readOptionalInputFile(join(dir, 'd'), inputError))?.found).toBe('a directory');
  });
});

describe('a folder named by input', () => {
  it('is accepted when it is a folder', () => {
    expect(issueOf(() => checkInputFolder(join(folder(), 'd'), inputError, 'a results folder'))).toBeUndefined();
  });

  it('is refused as a file found where a file stands', () => {
    const dir = folder();
    expect(issueOf(() => checkInputFolder(join(dir, 'a.txt'), inputError, 'a results folder'))).toEqual({ source: join(dir, 'a.txt'), path: '(folder)', expected: 'a results folder', found: 'a file' });
  });

  it('is refused as no such folder where nothing stands', () => {
    expect(issueOf(() => checkInputFolder(join(folder(), 'none'), inputError, 'a results folder'))?.found).toBe('no such folder');
  });
});
