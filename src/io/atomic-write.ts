/**
 * Every output file (results, reports, validation, bench) is written whole or not at all: write a
 * temporary file beside the target, then rename it over the target (rename is atomic within a
 * file system, POSIX rename(2)). A reader, or a run killed mid-write, never sees half a file.
 * The temporary name carries the process id and a counter, so two writers never share one.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

let counter = 0;

/** Write `content` to `path` atomically, creating the parent folder if needed. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** `value` as two-space-indented JSON with a final newline, written atomically. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
