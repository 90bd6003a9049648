/**
 * What a results folder's manifest records of the files written before it: each file's size and
 * SHA-256. manifest.json is written last (src/runner/results-dir.ts), so its record vouches for
 * the files beside it; a reader that finds a file shorter, longer or different from its record
 * knows it was truncated or changed after the run wrote it, whichever file it is (a metrics.csv
 * that no reader parses included). The manifest seals itself: its last field is the SHA-256 of its
 * own text with that field zeroed, so a changed digit in it is found too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notAFile } from './input-file.ts';

export interface RecordedFile {
  readonly bytes: number;
  readonly sha256: string;
}

export type RecordedFiles = Readonly<Record<string, RecordedFile>>;

export function recordOf(content: string | Uint8Array): RecordedFile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** One file of `dir` that does not match its record: the file, what was expected and what was found. */
export interface FileMismatch {
  readonly file: string;
  readonly expected: string;
  readonly found: string;
}

/**
 * The first recorded file of `dir` that is missing or differs from its record, if any. With
 * `pending` (a checkpoint the process was killed in: src/runner/manifest.ts `pendingFiles`), a file
 * may match either record, whichever version of it the checkpoint had got to.
 */
export function firstMismatch(dir: string, files: RecordedFiles, pending: RecordedFiles = {}): FileMismatch | undefined {
  for (const name of new Set([...Object.keys(files), ...Object.keys(pending)])) {
    const records = [files[name], pending[name]].filter((r): r is RecordedFile => r !== undefined);
    const file = join(dir, name);
    const said = records.map((r) => `${r.bytes} bytes (sha256 ${r.sha256.slice(0, 12)}…)`).join(' or ');
    const expected = `the ${said} manifest.json records`;
    const problem = notAFile(file, expected);
    if (problem !== undefined) return { file, ...problem };
    const actual = recordOf(readFileSync(file));
    if (records.some((r) => r.bytes === actual.bytes && r.sha256 === actual.sha256)) continue;
    if (!records.some((r) => r.bytes === actual.bytes)) return { file, expected, found: `${actual.bytes} bytes: the file was truncated or changed after the run wrote it` };
    return { file, expected, found: `other content (sha256 ${actual.sha256.slice(0, 12)}…): the file was changed after the run wrote it` };
  }
  return undefined;
}

const SEAL_FIELD = 'selfSha256';
const ZERO_SEAL = '0'.repeat(64);
const SEAL_AT_END = new RegExp(`"${SEAL_FIELD}": "([0-9a-f]{64})"\\n}\\n$`);

/**
 * `value` as two-space-indented JSON, its last field the SHA-256 of this text with that field
 * zeroed. A seal `value` already carries (a manifest read back to be rewritten: `--resume`) is
 * dropped first; spread in place, it would keep its place among the fields, not last.
 */
export function sealedJson(value: Readonly<Record<string, unknown>>): string {
  const { [SEAL_FIELD]: _stale, ...fields } = value;
  const zeroed = `${JSON.stringify({ ...fields, [SEAL_FIELD]: ZERO_SEAL }, null, 2)}\n`;
  const seal = recordOf(zeroed).sha256;
  return zeroed.replace(`"${SEAL_FIELD}": "${ZERO_SEAL}"\n}\n`, `"${SEAL_FIELD}": "${seal}"\n}\n`);
}

/**
 * Whether the text of a sealed JSON file (`file`) is as written: undefined when it is, or when it was
 * written without a seal (folders from before seals; their damage shows only where it breaks parsing).
 */
export function sealMismatch(file: string, text: string): FileMismatch | undefined {
  const match = SEAL_AT_END.exec(text);
  if (match === null) return text.includes(`"${SEAL_FIELD}"`) ? { file, expected: `a last field ${SEAL_FIELD} with its 64 hex digits`, found: 'it damaged or not last' } : undefined;
  const actual = recordOf(text.slice(0, match.index) + `"${SEAL_FIELD}": "${ZERO_SEAL}"\n}\n`).sha256;
  if (actual === match[1]) return undefined;
  return { file, expected: `text whose SHA-256 is its ${SEAL_FIELD} (${match[1]!.slice(0, 12)}…)`, found: `other text (sha256 ${actual.slice(0, 12)}…): the file was changed after the run wrote it` };
}
