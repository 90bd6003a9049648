/**
 * Folders a command writes into (results, reports, traces, validation, fuzz failures), and files
 * named by a flag (`--json FILE`): checked before any work starts, so a folder that cannot be made
 * or written is bad input (exit 2, naming the flag and the obstacle) rather than a crash after a
 * long run, and folders are made one level at a time:
 * Node's recursive mkdir never returns where mkdir answers ENOENT below a folder that exists (under
 * /proc, as root, it spun at full CPU until killed).
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { inputError, type InputError } from '../scenario/errors.ts';

const EXPECTED = 'a folder iomtsim can create and write to';

/**
 * The field path of a message about a folder from `source`: `(flag)` where a flag named it (the
 * source is the flag as typed), `(folder)` for a default folder no flag named.
 */
export function folderPath(source: string): string {
  return source.startsWith('-') ? '(flag)' : '(folder)';
}

/** How `--out DIR` reads as a message's source, an empty path (an unset shell variable) quoted. */
export function outFlagSource(dir: string): string {
  return `--out ${dir === '' ? "''" : dir}`;
}

/** The missing folders from `dir` up to the first that exists, deepest first, and that one. */
function missingLevels(dir: string): { readonly missing: string[]; readonly existing: string } {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.push(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  return { missing, existing: p };
}

/**
 * Refuse, as bad input from `source` (the flag as typed, or what names the default folder), a
 * folder that cannot become a writable folder: the nearest existing level is a file, or a folder
 * this process may not write to.
 */
export function checkOutputFolder(dir: string, source: string): void {
  // An empty path (`--out "$OUT"` with OUT unset) would resolve to the current folder.
  if (dir === '') throw inputError(source, folderPath(source), 'a folder path', "''");
  const { existing } = missingLevels(dir);
  if (!existsSync(existing)) return;
  if (!statSync(existing).isDirectory()) throw inputError(source, folderPath(source), EXPECTED, `${existing}, a file, where a folder would have to be`);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw inputError(source, folderPath(source), EXPECTED, `${existing}, a folder this process may not write to`);
  }
}

/**
 * Refuse, as bad input from `source`, an existing folder that holds entries, none of them one of
 * `own` (the files this command writes there, whose earlier output it replaces; `ownName` names
 * that output in the message): a folder of the
 * user's own files, or of another command's output, is never written into. A new or empty folder,
 * and a path that is not a folder (checkOutputFolder's to refuse), pass.
 */
export function checkUnusedFolder(dir: string, source: string, own: readonly string[] = [], ownName = 'output of this command'): void {
  if (dir === '' || !existsSync(dir) || !statSync(dir).isDirectory()) return;
  const entries = readdirSync(dir).sort();
  if (entries.length === 0 || own.some((name) => entries.includes(name))) return;
  const shown = entries.slice(0, 3).map((name) => `'${name}'`).join(', ');
  const expected = own.length === 0 ? 'an empty or new folder' : `an empty or new folder, or the folder of an earlier ${ownName} (holding ${own.map((n) => `'${n}'`).join(' or ')})`;
  throw inputError(source, folderPath(source), expected, `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, e.g. ${shown}`);
}

const EXPECTED_FILE = 'a file path iomtsim can write to';

/**
 * Refuse, as bad input from `flag` (`--json`), a file it names that could not be written when the
 * command ends: none (the flag given bare), a folder, or one whose folder cannot be made or
 * written. Nothing is made here: the writer makes the missing folders with the file
 * (writeFileAtomic), so a command refused or failing later leaves nothing behind.
 */
export function checkOutputFile(file: string, flag: string): void {
  if (file === '') throw inputError(flag, '(flag)', EXPECTED_FILE, 'nothing');
  const source = `${flag} ${file}`;
  if (file.endsWith('/') || file.endsWith(sep)) throw inputError(source, '(flag)', EXPECTED_FILE, `'${file}', a folder path (it ends with a separator)`);
  if (existsSync(file) && statSync(file).isDirectory()) throw inputError(source, '(flag)', EXPECTED_FILE, `${file}, a folder`);
  checkOutputFolder(dirname(file), source);
}

/**
 * Refuse, as bad input naming the file, any of `files` (the pages and figures of a report) that
 * could not be written: a directory in its place, or a folder above it that cannot be made or
 * written. All are checked before the first is written (atomic-write.ts: writeFilesAtomic), so a
 * refusal leaves the folder as it was, not with the files before the one that failed replaced.
 */
export function checkOutputFiles(files: readonly string[]): void {
  for (const file of files) {
    if (existsSync(file) && statSync(file).isDirectory()) throw inputError(file, '(file)', EXPECTED_FILE, 'a directory');
    checkOutputFolder(dirname(file), file);
  }
}

/** Make `dir` and its missing parents, one level at a time; what cannot be made is bad input from `source`. */
export function makeOutputFolder(dir: string, source: string): void {
  checkOutputFolder(dir, source);
  for (const level of missingLevels(dir).missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statSync(level).isDirectory()) continue;
      throw folderNotMade(source, level, err);
    }
  }
}

/**
 * Make and return a new folder `base`, or `base-2`, `base-3`... where taken: each candidate is made
 * with a plain (exclusive) mkdir, so two processes that chose the same name (two runs started in
 * the same second) never share one.
 */
export function claimNewFolder(base: string): string {
  makeOutputFolder(dirname(base), dirname(base));
  for (let k = 1; ; k++) {
    const dir = k === 1 ? base : `${base}-${k}`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw folderNotMade(dir, dir, err);
    }
  }
}

/** The input error for folder `level`, which mkdir refused with `err`. */
export function folderNotMade(source: string, level: string, err: unknown): InputError {
  return inputError(source, folderPath(source), EXPECTED, `${level}, which could not be made (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
}
