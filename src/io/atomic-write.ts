/**
 * Every output file (results, reports, validation, bench) is written whole or not at all: write a
 * temporary file beside the target, flush it to disk (fsync), rename it over the target (rename is
 * atomic within a file system, POSIX rename(2)), then flush the folder so the rename itself survives
 * a power loss (ext4 and XFS order data and rename only with both flushes). A reader, or a run
 * killed mid-write, never sees half a file; a write that fails leaves no temporary file behind.
 * The temporary name carries the process id and a counter, so two writers never share one.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkOutputFiles, makeOutputFolder } from './output-folder.ts';

let counter = 0;

/** Write `content` to `path` atomically and durably, creating the parent folder if needed. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const folder = dirname(path);
  makeOutputFolder(folder, folder);
  const { temporary } = writeTemporary(path, [content]);
  try {
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
  syncFolder(folder);
}

/** `pieces` written and flushed to a new temporary file beside `path`; none is left behind where that fails. */
function writeTemporary(path: string, pieces: Iterable<string | Uint8Array>): { temporary: string; bytes: number } {
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  let bytes = 0;
  try {
    const fd = openSync(temporary, 'w');
    try {
      for (const piece of pieces) {
        const buffer = typeof piece === 'string' ? Buffer.from(piece) : piece;
        for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset, buffer.length - offset);
        bytes += buffer.length;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
  return { temporary, bytes };
}

/**
 * Write `files` (path, pieces of its content, made as they are written: a file larger than one
 * string can hold) into existing folders, every one to a temporary file before any is renamed:
 * a failure while making or writing any of them leaves every destination as it was. Returns the
 * bytes of each.
 */
export function writeFilesInPieces(files: readonly (readonly [string, Iterable<string | Uint8Array>])[]): number[] {
  checkOutputFiles(files.map(([path]) => path));
  const written: { temporary: string; bytes: number }[] = [];
  try {
    for (const [path, pieces] of files) written.push(writeTemporary(path, pieces));
    files.forEach(([path], i) => renameSync(written[i]!.temporary, path));
  } catch (err) {
    for (const { temporary } of written) rmSync(temporary, { force: true });
    throw err;
  }
  for (const folder of new Set(files.map(([path]) => dirname(path)))) syncFolder(folder);
  return written.map((w) => w.bytes);
}

/** fsync a folder so a rename in it is durable; where a platform cannot open folders (Windows), skip. */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    // Some file systems refuse fsync on a folder (EINVAL, EISDIR): the rename is as durable as they allow.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw err;
  } finally {
    closeSync(fd);
  }
}

/** Write each of `files` (path, content) atomically, once every destination has passed checkOutputFiles. */
export function writeFilesAtomic(files: readonly (readonly [string, string | Uint8Array])[]): void {
  checkOutputFiles(files.map(([path]) => path));
  for (const [path, content] of files) writeFileAtomic(path, content);
}

/** `value` as two-space-indented JSON with a final newline, written atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
