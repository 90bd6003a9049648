import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstMismatch, recordOf, sealedJson, sealMismatch } from './recorded-files.ts';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iomtsim-recorded-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('recorded files', () => {
  const records = { 'a.csv': recordOf('x,y\n1,2\n'), 'b.json': recordOf('{"k":1}\n') };

  it('match the files they were made from', () => {
    expect(firstMismatch(folderWith({ 'a.csv': 'x,y\n1,2\n', 'b.json': '{"k":1}\n' }), records)).toBeUndefined();
  });

  it('name a truncated file with its size', () => {
    const dir = folderWith({ 'a.csv': 'x,y\n1,', 'b.json': '{"k":1}\n' });
    expect(firstMismatch(dir, records)).toEqual({ file: join(dir, 'a.csv'), expected: expect.stringContaining('8 bytes') as string, found: expect.stringMatching(/^6 bytes: .*truncated/) as string });
  });

  it('name a file of the same size with other content', () => {
    const dir = folderWith({ 'a.csv': 'x,y\n1,2\n', 'b.json': '{"k":2}\n' });
    expect(firstMismatch(dir, records)?.file).toBe(join(dir, 'b.json'));
    expect(firstMismatch(dir, records)?.found).toMatch(/^other content/);
  });

  it('name a missing file', () => {
    const dir = folderWith({ 'b.json': '{"k":1}\n' });
    expect(firstMismatch(dir, records)).toMatchObject({ file: join(dir, 'a.csv'), found: 'no such file' });
  });

  it('name a directory in place of a file', () => {
    const dir = folderWith({ 'b.json': '{"k":1}\n' });
    mkdirSync(join(dir, 'a.csv'));
    expect(firstMismatch(dir, records)).toEqual({ file: join(dir, 'a.csv'), expected: 'a file', found: 'a directory' });
  });
});

describe('sealed JSON', () => {
  const text = sealedJson({ format: 'x', seed: 7, nested: { a: [1, 2] } });

  it('parses as the value with its seal last, and is found intact', () => {
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['format', 'seed', 'nested', 'selfSha256']);
    expect(sealMismatch('m.json', text)).toBeUndefined();
  });

  it('written again from its parsed value with fields added after the old seal, puts a new seal last', () => {
    const again = sealedJson({ ...(JSON.parse(text) as Record<string, unknown>), status: 'complete' });
    expect(Object.keys(JSON.parse(again) as object)).toEqual(['format', 'seed', 'nested', 'status', 'selfSha256']);
    expect(sealMismatch('m.json', again)).toBeUndefined();
  });

  it('is found changed when one digit changes, still valid JSON', () => {
    const changed = text.replace('"seed": 7', '"seed": 8');
    expect(() => JSON.parse(changed) as unknown).not.toThrow();
    expect(sealMismatch('m.json', changed)).toMatchObject({ file: 'm.json', found: expect.stringMatching(/^other text/) as string });
  });

  it('is found damaged when the seal itself is cut, and unsealed text passes as from before seals', () => {
    expect(sealMismatch('m.json', text.slice(0, -10))).toMatchObject({ file: 'm.json' });
    expect(sealMismatch('m.json', '{\n  "format": "x"\n}\n')).toBeUndefined();
  });
});
