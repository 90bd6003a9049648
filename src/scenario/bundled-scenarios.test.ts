import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.ts';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e) ? [p] : [];
    });
}

describe('bundled scenarios', () => {
  const files = yamlFiles(scenariosDir);

  it('ships the scenarios the docs name', () => {
    const names = files.map((f) => f.slice(scenariosDir.length));
    expect(names).toEqual(expect.arrayContaining(['default.yaml', 'hospital.yaml', 'pbft.yaml', 'hotstuff.yaml', 'raft.yaml', 'poa.yaml', 'pow.yaml', 'simblock.yaml']));
  });

  for (const file of files) {
    it(`loads ${file.slice(scenariosDir.length)} without an input error`, () => {
      expect(() => loadScenario(file)).not.toThrow();
    });
  }
});
