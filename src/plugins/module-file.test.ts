import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aPluginKind, importErrorText, importModuleFile, moduleFiles } from './module-file.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'iomtsim-module-file-'));
}

describe('a plug-in module path', () => {
  it('that names a directory is not a file: expected a file, found a directory', async () => {
    const dir = folder();
    expect(await importModuleFile(dir)).toEqual({ state: 'not-a-file', expected: 'a file', found: 'a directory' });
  });

  it('that names nothing is not a file: expected an existing module file, found no such file', async () => {
    expect(await importModuleFile(join(folder(), 'none.mjs'))).toEqual({ state: 'not-a-file', expected: 'an existing module file', found: 'no such file' });
  });
});

describe('the files a module reaches', () => {
  it('leave out a relative import that names a directory (the import itself reports it)', () => {
    const dir = folder();
    mkdirSync(join(dir, 'helpers'));
    writeFileSync(join(dir, 'helper.mjs'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'entry.mjs'), "import { x } from './helper.mjs';\nimport './helpers';\nexport default x;\n");
    expect(moduleFiles(join(dir, 'entry.mjs'))).toEqual([join(dir, 'entry.mjs'), join(dir, 'helper.mjs')]);
  });
});

describe('a plug-in kind in a message', () => {
  it('takes the article its sound needs: an attack, a protocol, a detector', () => {
    expect((['attack', 'protocol', 'detector'] as const).map(aPluginKind)).toEqual(['an attack', 'a protocol', 'a detector']);
  });
});

describe('the error of a plug-in module that fails to load', () => {
  it("keeps esbuild's location line after its first line", () => {
    const err = new Error('Transform failed with 1 error:\n/tmp/p-syntax.ts:4:0: ERROR: Unexpected "}"\n    at failureErrorWithLog (esbuild/lib/main.js:1752:15)');
    expect(importErrorText(err)).toBe('Transform failed with 1 error: /tmp/p-syntax.ts:4:0: ERROR: Unexpected "}"');
  });

  it('is its first line when no later line says where', () => {
    expect(importErrorText(new Error("Cannot find package 'nowhere'\nDid you mean to import it?"))).toBe("Cannot find package 'nowhere'");
  });
});
