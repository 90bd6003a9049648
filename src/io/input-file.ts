/**
 * Reading the files and folders input names (a results folder and its files, a plug-in module):
 * what stands where a file or a folder should be decides the message. A directory where a file
 * should be, or a file where a folder should be, is bad input like a missing one, not a crash
 * (EISDIR) or a misleading "no such folder"; every reader goes through here so none forgets it.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import type { FormatError } from './timeseries-csv.ts';

/** Where a file should be: what was expected and what stands there instead. */
export interface NotAFile {
  readonly expected: string;
  readonly found: 'no such file' | 'a directory';
}

/** As existsSync: a path that cannot be looked at (a file on the way, no permission) is nothing there. */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Undefined when a file is at `path`; else what was expected and found there: a directory is
 * "expected a file", nothing is "expected `expected`" (what the missing file would have been).
 */
export function notAFile(path: string, expected = 'a file'): NotAFile | undefined {
  const stat = statOf(path);
  if (stat === undefined) return { expected, found: 'no such file' };
  return stat.isDirectory() ? { expected: 'a file', found: 'a directory' } : undefined;
}

/** The bytes of the file at `path`; anything else there is `formatError`'s error (notAFile says which). */
export function readInputFile(path: string, formatError: FormatError, expected = 'a file'): Buffer {
  const problem = notAFile(path, expected);
  if (problem !== undefined) throw formatError(path, '(file)', problem.expected, problem.found);
  return readFileSync(path);
}

/** The bytes of a file a folder may lack: undefined when nothing is there; a directory is refused as by readInputFile. */
export function readOptionalInputFile(path: string, formatError: FormatError): Buffer | undefined {
  return notAFile(path)?.found === 'no such file' ? undefined : readInputFile(path, formatError);
}

/** Refuse, as `formatError`'s error, anything at `dir` but a folder; `expected` says what the folder should be. */
export function checkInputFolder(dir: string, formatError: FormatError, expected: string): void {
  const stat = statOf(dir);
  if (stat === undefined) throw formatError(dir, '(folder)', expected, 'no such folder');
  if (!stat.isDirectory()) throw formatError(dir, '(folder)', expected, 'a file');
}
