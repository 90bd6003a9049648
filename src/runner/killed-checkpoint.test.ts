/**
 * A process killed while a checkpoint replaces the result files, at every point of it: the folder
 * still verifies against its manifest, so `--resume` can complete it. The kill is a write that
 * throws: what is on disk is then what a killed process leaves, each file replaced whole or not.
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readResults, writeResultFiles } from './results-dir.ts';
import type { Summary } from './summary.ts';
import { interruptedToyRun, tempRoot } from './testing/fixtures.ts';

const killAt = vi.hoisted(() => ({ write: Infinity, writes: 0 }));
vi.mock('../io/atomic-write.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../io/atomic-write.ts')>();
  return {
    ...original,
    writeFileAtomic(path: string, content: string | Uint8Array): void {
      if (killAt.writes++ >= killAt.write) throw new Error('killed');
      original.writeFileAtomic(path, content);
    },
  };
});

const root = tempRoot('killed-checkpoint');
let interrupted = '';

beforeAll(async () => {
  interrupted = await interruptedToyRun(join(root, 'interrupted'));
});

describe('a checkpoint killed among the files it replaces', () => {
  // A checkpoint writes the manifest, four files, then the manifest again: six writes to be killed before.
  it.each([0, 1, 2, 3, 4, 5])('killed before write %i: the folder verifies, holding one checkpoint or the other, and the next checkpoint completes it', (write) => {
    const dir = mkdtempSync(join(root, 'copy-'));
    cpSync(interrupted, dir, { recursive: true });
    const last = readResults(dir);
    const finished = last.finished;
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    // The next checkpoint's replications differ from the last one's (one fewer, so the files differ).
    const next = finished.slice(0, -1);
    // The run's last checkpoint, which says `complete`, is the one to kill.
    const manifest = { ...last.manifest, status: 'complete' as const };
    killAt.writes = 0;
    killAt.write = write;
    try {
      expect(() => writeResultFiles(dir, manifest, summary, next)).toThrow('killed');
    } finally {
      killAt.write = Infinity;
    }
    const after = readResults(dir);
    expect([finished.length, next.length]).toContain(after.finished.length);
    // Killed among the files, the folder says it is running (resumable), not what the checkpoint would have said.
    if (write >= 1 && write <= 4) expect(after.manifest.status).toBe('running');
    writeResultFiles(dir, manifest, summary, finished);
    expect(readResults(dir).finished).toHaveLength(finished.length);
  });

  it('killed twice in a row (a resumed run killed in its first checkpoint): still verifies', () => {
    const dir = mkdtempSync(join(root, 'copy-'));
    cpSync(interrupted, dir, { recursive: true });
    const { manifest, finished } = readResults(dir);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
    for (const [write, kept] of [[3, finished.length - 1], [2, finished.length - 2]] as const) {
      killAt.writes = 0;
      killAt.write = write;
      try {
        expect(() => writeResultFiles(dir, manifest, summary, finished.slice(0, kept))).toThrow('killed');
      } finally {
        killAt.write = Infinity;
      }
      expect(() => readResults(dir)).not.toThrow();
    }
  });
});
