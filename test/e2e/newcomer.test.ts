/** What a newcomer meets first: npm start's small hospital, help without arguments, bundled scenarios from any folder, --json verdicts. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';

const elsewhere = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-elsewhere-'));
const SHORT = ['--set', 'duration=3s', '--set', 'warmup=0s', '--reps', '1', '--workers', '1', '--no-report'];

describe('iomtsim for a newcomer', () => {
  it("runs npm start's small hospital: the headline's answers with verdicts, then where the report is", async () => {
    const out = join(elsewhere, 'npm-start');
    const r = await cli(['run', '--out', out], undefined, elsewhere);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Does the ledger carry the load, and how fast?');
    expect(r.stdout).toContain('Do clinical alerts reach the care team within their target?');
    expect(r.stdout).toMatch(/^ {2}pass {2}replay: 0 readings \(n=1\): /m);
    expect(r.stdout).toContain(`report: ${join(out, 'report.html')}`);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 60_000);

  it('prints the help, with examples and where the docs are, when given no arguments', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Commands:');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Documentation: .*README\.md/);
  });

  it('lists and runs the bundled scenarios from a folder outside the package', async () => {
    const list = await cli(['list', 'scenarios'], undefined, elsewhere);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^scenarios\/pbft\.yaml {2}/m);
    const out = join(elsewhere, 'pbft-run');
    const run = await cli(['run', 'scenarios/pbft.yaml', '--json', '--out', out, ...SHORT], undefined, elsewhere);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ resultsDir: out, passed: true, status: 'complete' });
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it("lists a folder's own scenarios, marking each file the loader would refuse for its YAML and saying why", async () => {
    const here = join(elsewhere, 'own-scenarios');
    mkdirSync(join(here, 'scenarios'), { recursive: true });
    const files: Record<string, string> = {
      'ok.yaml': 'description: fine\n',
      'empty.yaml': '',
      'list.yaml': '- a\n- b\n',
      'syntax.yaml': 'description: [unclosed\n',
      'dup.yaml': 'description: a\ndescription: b\n',
      'selfalias.yaml': 'a: &x [*x]\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(here, 'scenarios', name), text);
    const list = await cli(['list', 'scenarios'], undefined, here);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n').filter((l) => l !== '')).toEqual([
      'scenarios/dup.yaml  (not valid YAML)',
      'scenarios/empty.yaml  (refused: an empty document)',
      'scenarios/list.yaml  (refused: a list of 2 items)',
      'scenarios/ok.yaml  fine',
      'scenarios/selfalias.yaml  (refused: *x inside the value &x names, a value that would contain itself)',
      'scenarios/syntax.yaml  (not valid YAML)',
    ]);
  });

  it('reports a failed expectation given with --set as passed: false and exit 1', async () => {
    const out = join(elsewhere, 'failed-expectation');
    const r = await cli(['run', 'scenarios/consortium.yaml', '--json', '--out', out, '--set', 'expect.consensus.throughput_tps=>= 1000000', ...SHORT]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ resultsDir: out, passed: false, status: 'complete' });
    expect(result.points[0].expectations).toContainEqual(expect.objectContaining({ metric: 'consensus.throughput_tps', condition: '>= 1000000', passed: false }));
  });
});
