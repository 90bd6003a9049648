import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from './cli.ts';

describe('iomtsim run with plug-in modules', () => {
  it('runs the example plug-in protocol and attack and exits 0', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'iomtsim-e2e-plugin-')), 'run');
    const r = await cli(['run', 'examples/plugins/scenario.yaml', '--set', 'duration=10s', '--set', 'attacks.0.start=6s', '--set', 'attacks.0.end=9s', '--no-report', '--json', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { scenario: { plugins: { name: string; sha256: string }[] } };
    expect(manifest.scenario.plugins.map((p) => p.name)).toEqual(['sequencer', 'noisy-neighbour']);
  });

  it('exits 2 naming the missing export of a malformed plug-in, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-broken-'));
    writeFileSync(join(dir, 'broken.mts'), "export default { name: 'broken', title: 'b', reference: 'r', faultModel: { kind: 'crash', rule: 'n ≥ 2f + 1', maxFaulty: () => 0, quorum: () => 1, repliesNeeded: () => 1 } };\n");
    writeFileSync(join(dir, 's.yaml'), 'name: broken\nduration: 1s\nconsensus:\n  protocol: { module: ./broken.mts }\n');
    const out = join(dir, 'results');
    const r = await cli(['run', join(dir, 's.yaml'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.yaml:4:\d+: consensus\.protocol\.module: expected a module whose default export is a protocol definition/);
    expect(r.stderr).toContain('createReplica: expected a function');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming the entry and the file of a plug-in attack whose hook throws or returns the wrong type, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-hooks-'));
    const cases: [string, string, string[], string][] = [
      ['throws.mts', "checkTargets: () => { throw new Error('boom'); }", [], "whose checkTargets threw an error: boom"],
      ['seven.mts', 'faultyReplicas: () => 7', [], "found 7 returned by faultyReplicas of 'odd'"],
      ['split.mts', "splitsOverThreads: 'yes'", ['--threads', '2'], "expected 'splitsOverThreads': a function when present (found 'yes')"],
    ];
    for (const [module, hook, flags, found] of cases) {
      writeFileSync(join(dir, module), `import { defineAttack, z } from '${join(REPO, 'src/plugin-api.ts')}';\nexport default defineAttack({ type: 'odd', title: 't', category: 'engine', targets: 'replicas', model: 'm', paramsSchema: z.object({}), outcomes: [], install: () => {}, ${hook} } as never);\n`);
      writeFileSync(join(dir, 's.yaml'), `name: hooks\nduration: 1s\nwarmup: 0s\nconsensus: { protocol: pbft, nodes: 4 }\nattacks:\n  - module: ./${module}\n`);
      const out = join(dir, 'results');
      const r = await cli(['run', join(dir, 's.yaml'), '--out', out, ...flags]);
      expect(r.code, module).toBe(2);
      expect(r.stderr).toContain(`s.yaml:6:13: attacks.0.module: expected a`);
      expect(r.stderr).toContain(join(dir, module));
      expect(r.stderr).toContain(found);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("exits 2 naming where a plug-in module's syntax error is", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-syntax-'));
    writeFileSync(join(dir, 'p-syntax.mts'), 'export default {\n  a: 1,\n}\n}\n');
    writeFileSync(join(dir, 's.yaml'), 'name: syntax\nduration: 1s\nconsensus:\n  protocol: { module: ./p-syntax.mts }\n');
    const r = await cli(['run', join(dir, 's.yaml'), '--out', join(dir, 'results')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/which fails to load: Transform failed with 1 error: \S*p-syntax\.m?ts:4:0: ERROR: Unexpected "\}"\n$/);
  });

  it('exits 2 naming a plug-in that ends the process while it loads (process.exit, or a top-level await that never settles), and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-exiting-'));
    writeFileSync(join(dir, 'exits.mts'), 'process.exit(0);\n');
    writeFileSync(join(dir, 'hangs.mts'), 'await new Promise(() => {});\nexport default 1;\n');
    for (const module of ['exits.mts', 'hangs.mts']) {
      writeFileSync(join(dir, 's.yaml'), `name: exiting\nduration: 1s\nconsensus:\n  protocol: { module: ./${module} }\n`);
      const out = join(dir, 'results');
      const r = await cli(['run', join(dir, 's.yaml'), '--out', out]);
      expect(r.code, module).toBe(2);
      expect(r.stderr).toBe(`${join(dir, module)}: (module): expected a plug-in module whose loading finishes, found one that ended the process while it loaded (process.exit, or a top-level await that never settles)\n`);
      expect(existsSync(out)).toBe(false);
    }
  });
});
