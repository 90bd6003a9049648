import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, writeFilesInPieces, writeJsonAtomic } from './atomic-write.ts';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return { ...actual, fsyncSync: vi.fn(actual.fsyncSync), renameSync: vi.fn(actual.renameSync) };
});

const actualFsync = vi.mocked(fs.fsyncSync).getMockImplementation()!;

afterEach(() => {
  vi.mocked(fs.fsyncSync).mockImplementation(actualFsync);
});

describe('atomic file writes', () => {
  it('create the parent folder, replace the file whole and leave no temporary file behind', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'iomtsim-atomic-')), 'nested');
    const path = join(dir, 'out.json');
    writeFileAtomic(path, 'first');
    writeJsonAtomic(path, { a: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('flush the file before the rename and the folder after it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-atomic-'));
    const order: string[] = [];
    vi.mocked(fs.fsyncSync).mockImplementation((fd) => {
      order.push('fsync');
      actualFsync(fd);
    });
    const actualRename = vi.mocked(fs.renameSync).getMockImplementation()!;
    vi.mocked(fs.renameSync).mockImplementationOnce((from, to) => {
      order.push('rename');
      actualRename(from, to);
    });
    writeFileAtomic(join(dir, 'out.txt'), 'content');
    expect(order).toEqual(['fsync', 'rename', 'fsync']);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe('content');
  });

  it('remove the temporary file and leave the old file when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-atomic-'));
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old');
    vi.mocked(fs.renameSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    });
    expect(() => writeFileAtomic(path, 'new')).toThrow(/EXDEV/);
    expect(readdirSync(dir)).toEqual(['out.txt']);
    expect(readFileSync(path, 'utf8')).toBe('old');
  });

  it('fail without leaving a temporary file when the target is a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-atomic-'));
    mkdirSync(join(dir, 'taken', 'inner'), { recursive: true });
    expect(() => writeFileAtomic(join(dir, 'taken'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('write files made in pieces, every one before any is renamed: one that fails while it is made leaves both destinations as they were', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-atomic-'));
    writeFileSync(join(dir, 'a.txt'), 'old a');
    function* failing(): Generator<string> {
      yield 'new b, ';
      throw new RangeError('Invalid string length');
    }
    expect(() => writeFilesInPieces([[join(dir, 'a.txt'), ['new a']], [join(dir, 'b.txt'), failing()]])).toThrow(RangeError);
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old a');
    expect(writeFilesInPieces([[join(dir, 'a.txt'), ['new ', 'a']], [join(dir, 'b.txt'), ['b']]])).toEqual([5, 1]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('new a');
  });
});
