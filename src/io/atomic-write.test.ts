import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';

describe('atomic file writes', () => {
  it('create the parent folder, replace the file whole and leave no temporary file behind', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'iomtsim-atomic-')), 'nested');
    const path = join(dir, 'out.json');
    writeFileAtomic(path, 'first');
    writeJsonAtomic(path, { a: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": 1\n}\n');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });
});
