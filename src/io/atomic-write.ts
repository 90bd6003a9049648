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
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
  syncFolder(folder);
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
