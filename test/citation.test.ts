/** CITATION.cff and LICENSE agree with package.json, so a release cannot cite a stale version. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; license: string };

describe('citation and licence', () => {
  it('CITATION.cff is CFF 1.2.0 with the version and licence of package.json', () => {
    const cff = parseYaml(readFileSync('CITATION.cff', 'utf8')) as Record<string, unknown>;
    expect(cff).toMatchObject({ 'cff-version': '1.2.0', version: pkg.version, license: pkg.license, authors: [{ name: 'iomtsim contributors' }] });
    expect(String(cff['title'])).toMatch(/^iomtsim/);
    expect(String(cff['abstract']).length).toBeGreaterThan(100);
  });

  it('LICENSE is the Apache License 2.0 that package.json names', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = readFileSync('LICENSE', 'utf8');
    expect(text).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(text).toContain('END OF TERMS AND CONDITIONS');
  });
});
