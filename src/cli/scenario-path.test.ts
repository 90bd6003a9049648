import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayScenarioPath, PACKAGE_DIR, resolveScenarioPath, scenariosFolder } from './scenario-path.ts';

const elsewhere = mkdtempSync(join(tmpdir(), 'iomtsim-cwd-'));

describe('scenario paths', () => {
  it("takes a bundled scenario from the package when the working directory has no such file", () => {
    expect(resolveScenarioPath('scenarios/pbft.yaml', elsewhere)).toBe(join(PACKAGE_DIR, 'scenarios/pbft.yaml'));
    expect(scenariosFolder(elsewhere)).toBe(join(PACKAGE_DIR, 'scenarios'));
    expect(displayScenarioPath(join(PACKAGE_DIR, 'scenarios/pbft.yaml'), elsewhere)).toBe('scenarios/pbft.yaml');
  });

  it("prefers the working directory's own file, and leaves an unknown path for the loader to report", () => {
    const local = mkdtempSync(join(tmpdir(), 'iomtsim-local-'));
    mkdirSync(join(local, 'scenarios'));
    writeFileSync(join(local, 'scenarios', 'pbft.yaml'), 'name: mine\n');
    expect(resolveScenarioPath('scenarios/pbft.yaml', local)).toBe('scenarios/pbft.yaml');
    expect(scenariosFolder(local)).toBe(join(local, 'scenarios'));
    expect(displayScenarioPath(join(local, 'scenarios', 'pbft.yaml'), local)).toBe(join('scenarios', 'pbft.yaml'));
    expect(resolveScenarioPath('scenarios/nope.yaml', elsewhere)).toBe('scenarios/nope.yaml');
  });
});
