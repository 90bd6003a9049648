import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeResultsFolder } from './results-dir.ts';

describe('a new run folder', () => {
  it('is made under results/<scenario>/ and named by time and seed; a second claim in the same second gets -2, then -3', () => {
    const root = mkdtempSync(join(tmpdir(), 'iomtsim-claim-'));
    const now = new Date(Date.UTC(2026, 11, 6, 9, 5, 7));
    const claims = [1, 2, 3].map(() => makeResultsFolder({ resultsRoot: root }, 'pbft', 'sweep-', 42, now));
    const base = join(root, 'pbft', 'sweep-20261206-090507-42');
    expect(claims).toEqual([base, `${base}-2`, `${base}-3`]);
    for (const dir of claims) expect(statSync(dir).isDirectory()).toBe(true);
  });
});
