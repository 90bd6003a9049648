/**
 * `iomtsim fuzz` through the command line as a user meets it: a mutant is caught with exit 3 and a
 * replay command that, run as printed, fails again; real PBFT passes its seeds with exit 0; a bad
 * flag is refused with exit 2.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-fuzz-'));

describe('iomtsim fuzz on the command line', () => {
  it('catches PBFT with f + 1 certificates (exit 3) and prints a replay command that fails again', async () => {
    const fuzz = await cli(['fuzz', '--mutant', 'pbft-small-quorum', '--seeds', '30', '--out', join(root, 'mutant')]);
    expect(fuzz.code).toBe(3);
    const replay = /replay:\s+iomtsim (run \S+)/.exec(fuzz.stdout + fuzz.stderr);
    expect(replay).not.toBeNull();
    const again = await cli([...replay![1]!.split(' '), '--out', join(root, 'replay'), '--no-report']);
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).toMatch(/safety|validity/);
  }, 120_000);

  it('refuses a plug-in protocol that Node loads as CommonJS with exit 2, saying what loads as an ES module', async () => {
    // A .ts file outside any package.json with "type": "module": Node decides by extension and package.
    const dir = join(root, 'commonjs-plugin');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'protocol.ts'), `import { defineProtocol } from '${join(process.cwd(), 'src/plugin-api.ts')}';\nexport default defineProtocol;\n`);
    const fuzz = await cli(['fuzz', '--protocol-module', join(dir, 'protocol.ts'), '--seeds', '1', '--out', join(root, 'commonjs-out')]);
    expect(fuzz.code).toBe(2);
    expect(fuzz.stderr).toContain(`--protocol-module ${join(dir, 'protocol.ts')}: (flag): expected a module that loads as an ES module (.mts or .mjs, or .ts or .js under a package.json with "type": "module"), found a module that fails to load: `);
  }, 60_000);

  it('passes real PBFT on its seeds with exit 0', async () => {
    const fuzz = await cli(['fuzz', '--protocol', 'pbft', '--seeds', '2', '--nodes', '4..5', '--out', join(root, 'pbft')]);
    expect(fuzz.code).toBe(0);
    expect(fuzz.stdout + fuzz.stderr).toMatch(/2 seeds, all passed/);
  }, 120_000);

  it('refuses a node range that is not LO..HI with exit 2, naming the flag', async () => {
    const fuzz = await cli(['fuzz', '--protocol', 'pbft', '--nodes', '7-4']);
    expect(fuzz.code).toBe(2);
    expect(fuzz.stderr).toMatch(/--nodes/);
  }, 60_000);
});
