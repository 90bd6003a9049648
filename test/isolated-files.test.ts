import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ISOLATED_TEST_FILES } from './isolated-files.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return e.name.endsWith('.test.ts') ? [relative('.', path)] : [];
  });
}

// Module mocks leak into every later file of a worker that does not isolate (vitest.config.ts).
const REPLACES_A_MODULE = /\bvi\.(mock|doMock)\(/;

describe('isolated test files', () => {
  it('lists exactly the test files that replace a module', () => {
    const files = ['sim', 'src', 'bench', 'test'].flatMap(testFiles).filter((f) => REPLACES_A_MODULE.test(readFileSync(join(root, f), 'utf8')));
    expect([...ISOLATED_TEST_FILES].sort()).toEqual(files.sort());
  });
});
