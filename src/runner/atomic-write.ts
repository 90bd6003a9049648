/**
 * Results files are written whole or not at all: write a temporary file beside the target, then
 * rename it over the target (rename is atomic within a file system, POSIX rename(2)). A reader,
 * or a run killed mid-write, never sees half a file.
 */
import { renameSync, writeFileSync } from 'node:fs';

let counter = 0;

export function writeFileAtomic(path: string, content: string): void {
  const temp = `${path}.tmp-${process.pid}-${counter++}`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
