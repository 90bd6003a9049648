/**
 * report, compare, validate and trace given a destination they cannot write (a directory named
 * report.html or report.md where the page goes, or sequence.svg where the chart goes): exit 2
 * naming it, with the folder left as it was, not with the files before it rewritten.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli.ts';
import { writeRunFixture } from '../../src/report/fixtures/results-fixture.ts';

const root = mkdtempSync(join(tmpdir(), 'iomtsim-e2e-destinations-'));

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true }).map(String).sort().map((name) => {
    const path = join(dir, name);
    return [name, statSync(path).isDirectory() ? 'a directory' : readFileSync(path).toString('base64')];
  }));
}

function results(name: string, seed: number): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeRunFixture(dir, { durationS: 3, seed });
  return dir;
}

describe('a destination that is a directory', () => {
  it.each(['report.html', 'report.md'])('report: %s refused with exit 2, nothing written', async (name) => {
    const dir = results(`run-${name}`, 1);
    mkdirSync(join(dir, name));
    const before = snapshot(dir);
    const r = await cli(['report', dir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`${join(dir, name)}: (file): expected a file path iomtsim can write to, found a directory\n`);
    expect(snapshot(dir)).toEqual(before);
  }, 60_000);

  it('compare --out: an earlier comparison whose report.md is a directory refused with exit 2, nothing rewritten', async () => {
    const a = results('a', 1);
    const b = results('b', 2);
    const out = join(root, 'cmpx');
    expect((await cli(['compare', a, b, '--out', out])).code).toBe(0);
    rmSync(join(out, 'report.md'));
    mkdirSync(join(out, 'report.md'));
    const before = snapshot(out);
    const r = await cli(['compare', results('c', 3), b, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`${join(out, 'report.md')}: (file): expected a file path iomtsim can write to, found a directory\n`);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);

  // An earlier output whose `blocked` file is now a directory, beside the `earlier` files it wrote.
  it.each([
    ['validate', 'report.html', { 'validation.json': '{}\n', 'report.md': '# earlier\n' }, ['validate', '--quick', '--only', 'ideal.raft.commit']],
    ['trace', 'sequence.svg', { 'trace.json': '{"traceEvents":[]}\n' }, ['trace', 'scenarios/pbft.yaml', '--set', 'duration=2s', '--set', 'warmup=1s']],
  ])('%s --out: an earlier output whose %s is a directory refused with exit 2, nothing rewritten', async (command, blocked, earlier, args) => {
    const out = join(root, command);
    mkdirSync(join(out, blocked), { recursive: true });
    for (const [file, text] of Object.entries(earlier)) writeFileSync(join(out, file), text);
    const before = snapshot(out);
    const r = await cli([...args, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toBe(`${join(out, blocked)}: (file): expected a file path iomtsim can write to, found a directory\n`);
    expect(snapshot(out)).toEqual(before);
  }, 60_000);
});
