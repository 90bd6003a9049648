import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Every package a module reaches through its static imports (dynamic ones load only when called). */
function packagesReached(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s(?!type\s)(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (existsSync(target)) visit(target);
      } else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(entry);
  return packages;
}

describe('the headline a run prints', () => {
  it('loads no figure renderer: a run without a report starts without Vega or resvg', () => {
    const reached = packagesReached(resolve(HERE, '../report/headline-text.ts'));
    expect([...reached].filter((p) => p.startsWith('vega') || p === '@resvg/resvg-js')).toEqual([]);
  });

  it('sees what the whole report module loads (the walk is not blind)', () => {
    const reached = packagesReached(resolve(HERE, '../report/index.ts'));
    expect([...reached].some((p) => p.startsWith('vega'))).toBe(true);
  });
});
