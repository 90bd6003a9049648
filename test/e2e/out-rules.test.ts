/**
 * The one rule for every folder a command writes (`--out`, or its default): an empty path, a run's
 * results folder, or a folder of anything but the command's own earlier output is refused with
 * exit 2 before any work, naming it, and nothing is written. And `--resume` checks the whole folder
 * (its manifest's fields, the plug-ins it recorded) before it runs or writes anything.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from './cli.ts';

const PBFT = join(REPO, 'scenarios/pbft.yaml');
const TINY = ['--set', 'duration=1s', '--set', 'warmup=0s'];
/** TINY at 4 replicas, for the commands that run and write: pbft.yaml's 16 traced 1 s in 3.5-3.8 s, 4 in 1.2-1.3 s. */
const SMALL = [...TINY, '--set', 'consensus.nodes=4'];

/** Each entry of `dir` with its content, to show a folder left exactly as it was. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true }).map(String).sort().map((name) => {
    const path = join(dir, name);
    return [name, statSync(path).isDirectory() ? 'a directory' : readFileSync(path).toString('base64')];
  }));
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `iomtsim-e2e-${prefix}-`));
}

/** A folder that holds a run's results, as far as a command about to write is concerned: its manifest.json. */
function fakeResultsFolder(): string {
  const dir = tempDir('results');
  writeFileSync(join(dir, 'manifest.json'), '{}\n');
  return dir;
}

describe("--out '' (an unset $OUT in a script)", () => {
  it.each([
    ['run', ['run', PBFT, ...TINY, '--no-report']],
    ['run --dry-run', ['run', PBFT, ...TINY, '--dry-run']],
    ['sweep', ['sweep', PBFT, ...TINY, '--vary', 'consensus.nodes=4', '--no-report']],
    ['size', ['size', join(REPO, 'scenarios/consortium.yaml'), ...TINY, '--vary', 'workload.rateTps=100..200', '--slo', 'consensus.commit_latency_ms.p99<=250', '--no-report']],
    ['merge', ['merge', 'shard-1', 'shard-2', '--no-report']],
    ['trace', ['trace', PBFT, ...TINY]],
    ['fuzz', ['fuzz', '--protocol', 'raft', '--seeds', '1']],
    ['validate', ['validate', '--quick']],
    ['compare', ['compare', 'a', 'b']],
  ])('%s: exit 2 naming the flag, nothing written into the current folder', async (_name, args) => {
    const cwd = tempDir('empty-out');
    const r = await cli([...args, '--out', ''], undefined, cwd);
    expect(r.stderr.trim()).toBe("--out '': (flag): expected a folder path, found ''");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('--out at a folder that is not for this command', () => {
  it("run: a folder of the user's own files is refused, its files untouched", async () => {
    const dir = tempDir('user');
    writeFileSync(join(dir, 'metrics.csv'), 'my own metrics\n');
    writeFileSync(join(dir, 'summary.json'), '{"mine":true}\n');
    const before = snapshot(dir);
    const r = await cli(['run', PBFT, ...TINY, '--no-report', '--out', dir]);
    expect(r.stderr.trim()).toBe(`--out ${dir}: (flag): expected an empty or new folder, found 2 entries, e.g. 'metrics.csv', 'summary.json'`);
    expect(r.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    ['trace', ['trace', PBFT, ...TINY], "a folder that holds no run's results (a trace beside them goes in its own folder, such as <results>/trace)"],
    ['fuzz', ['fuzz', '--protocol', 'raft', '--seeds', '1'], "a folder that holds no run's results (only run --resume adds to them)"],
  ])('%s: a results folder is refused, as run, sweep, size, merge, compare and validate refuse it', async (_name, args, expected) => {
    const dir = fakeResultsFolder();
    const r = await cli([...args, '--out', dir]);
    expect(r.stderr.trim()).toBe(`--out ${dir}: (flag): expected ${expected}, found an existing results folder`);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it("size: a trace's folder is refused; trace replaces its own earlier trace there", async () => {
    const dir = tempDir('trace');
    const first = await cli(['trace', PBFT, ...SMALL, '--out', dir]);
    expect(first.code).toBe(0);
    const again = await cli(['trace', PBFT, ...SMALL, '--out', dir]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const before = snapshot(dir);
    const r = await cli(['size', join(REPO, 'scenarios/consortium.yaml'), ...TINY, '--vary', 'workload.rateTps=100..200', '--slo', 'consensus.commit_latency_ms.p99<=250', '--out', dir]);
    expect(r.stderr.trim()).toBe(`--out ${dir}: (flag): expected an empty or new folder, found 2 entries, e.g. 'sequence.svg', 'trace.json'`);
    expect(r.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a default folder no flag named is called (folder), not (flag)', async () => {
    const cwd = tempDir('default');
    writeFileSync(join(cwd, 'results'), 'a file where the results folder would be');
    const r = await cli(['trace', PBFT, ...TINY], undefined, cwd);
    expect(r.stderr.trim()).toBe(`results/pbft/trace-1: (folder): expected a folder iomtsim can create and write to, found ${join(cwd, 'results')}, a file, where a folder would have to be`);
    expect(r.code).toBe(2);
  });
});

describe('run --resume', () => {
  it('on a complete folder: nothing to resume, exit 0, the folder untouched', async () => {
    const out = join(tempDir('complete'), 'run');
    expect((await cli(['run', PBFT, ...SMALL, '--reps', '1', '--no-report', '--out', out])).code).toBe(0);
    const before = snapshot(out);
    const r = await cli(['run', '--resume', out, '--no-report']);
    expect(r.stdout).toBe(`nothing to resume: ${out} is complete (every replication finished)\n`);
    expect(r.code).toBe(0);
    expect(snapshot(out)).toEqual(before);
  });

  it('when a plug-in module the scenario recorded changed or is gone: exit 2 naming manifest.json and the field, no stack, the folder untouched', async () => {
    const root = tempDir('resume-plugin');
    const plugins = join(root, 'plugins');
    mkdirSync(plugins);
    for (const file of ['scenario.yaml', 'sequencer.ts', 'sequencer-replica.ts', 'noisy-neighbour.ts']) {
      const text = readFileSync(join(REPO, 'examples/plugins', file), 'utf8').replaceAll("'../../src/", `'${join(REPO, 'src')}/`);
      writeFileSync(join(plugins, file), text);
    }
    writeFileSync(join(plugins, 'package.json'), '{ "type": "module" }\n');
    const out = join(root, 'run');
    const run = await cli(['run', join(plugins, 'scenario.yaml'), '--set', 'duration=2s', '--set', 'warmup=0s', '--set', 'attacks.0.start=1s', '--set', 'attacks.0.end=1.5s', '--reps', '2', '--no-report', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // As an interrupted run from before manifests were sealed.
    const { selfSha256: _seal, ...manifest } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ ...manifest, status: 'interrupted' }, null, 2)}\n`);
    const before = snapshot(out);
    const module = join(plugins, 'sequencer.ts');

    appendFileSync(module, '// changed after the run\n');
    const changed = await cli(['run', '--resume', out, '--no-report']);
    expect(changed.stderr).toMatch(new RegExp(`^${join(out, 'manifest.json').replaceAll('.', '\\.')}: scenarioInput\\.plugins\\.0\\.sha256: expected the module's files unchanged since the scenario was loaded \\(sha256 [0-9a-f]{64} now\\), found '[0-9a-f]{64}' recorded for ${module.replaceAll('.', '\\.')}\n$`));
    expect(changed.code).toBe(2);
    expect(snapshot(out)).toEqual(before);

    rmSync(module);
    const gone = await cli(['run', '--resume', out, '--no-report']);
    expect(gone.stderr).toContain(`${join(out, 'manifest.json')}: scenarioInput.plugins.0.module: expected the module file recorded when the scenario was loaded`);
    expect(gone.stderr).not.toContain('    at ');
    expect(gone.code).toBe(2);
    expect(snapshot(out)).toEqual(before);
  });

  it('on an unsealed manifest whose fields are wrong: exit 2 naming the field, before anything runs or is written', async () => {
    const out = join(tempDir('resume-manifest'), 'run');
    expect((await cli(['run', PBFT, ...SMALL, '--reps', '2', '--no-report', '--out', out])).code).toBe(0);
    const { selfSha256: _seal, ...manifest } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify({ ...manifest, status: 'interrupted', replications: 6, replicationSeeds: [1] }, null, 2)}\n`);
    const before = snapshot(out);
    const r = await cli(['run', '--resume', out, '--no-report']);
    expect(r.stderr).toBe(`${join(out, 'manifest.json')}: replicationSeeds: expected one seed per replication (replications: 6), found 1 seed\n`);
    expect(r.code).toBe(2);
    expect(snapshot(out)).toEqual(before);
  });
});
