// The build's stamp (dist/build-stamp.json): every file the bundle was built from, with its size
// and modification time, written by scripts/build.mjs after the bundle and read by bin/iomtsim.mjs
// at each start. The bundle is used only while every recorded file still has exactly those
// values, so an edited, added-to, deleted or checked-out source sends the run back to tsx
// (docs/architecture.md, "Start-up"). Plain JavaScript: it runs before any TypeScript loader.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP_FILE = 'build-stamp.json';

/** A file's identity for freshness: size and modification time (ms); null when it is gone. */
export function fileSignature(path) {
  try {
    const s = statSync(path);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/** The stamp in `outDir` as written, fresh or not; undefined when there is none. */
export function readStamp(root, outDir) {
  try {
    return JSON.parse(readFileSync(join(root, outDir, STAMP_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * `{ stamp }` for the build in `outDir` (relative to `root`) when every file it records is
 * unchanged; otherwise `{ why }`, the first difference, for a message.
 */
export function freshStamp(root, outDir) {
  const stamp = readStamp(root, outDir);
  if (stamp === undefined) return { why: `no build in ${outDir}/` };
  for (const [file, recorded] of Object.entries(stamp.inputs)) {
    const now = fileSignature(join(root, file));
    if (now === null || now[0] !== recorded[0] || now[1] !== recorded[1]) return { why: `${file} changed since the build in ${outDir}/` };
  }
  return { stamp };
}
