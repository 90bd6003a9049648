/**
 * --resume of a results folder with a directory where one of its files should be: refused as bad
 * input naming the file, with the folder left as it was.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../scenario/index.ts';
import { checkResume, mergeShards, replicationSeed, resumeRun, runScenario } from './index.ts';
import { interruptedToyRun, tempRoot, toyScenario } from './testing/fixtures.ts';
import { TOY_MODEL } from './testing/toy-model.ts';

const root = tempRoot('resume-damaged');
let interrupted = '';

beforeAll(async () => {
  interrupted = await interruptedToyRun(join(root, 'interrupted'));
});

/** Each entry of `dir` with its content ('a directory' for one). */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true }).map(String).sort().map((name) => {
    const path = join(dir, name);
    return [name, statSync(path).isDirectory() ? 'a directory' : readFileSync(path).toString('base64')];
  }));
}

/** A copy of the interrupted folder; unrecorded: its manifest as from before file records and seals. */
function copyOfInterrupted(unrecorded: boolean): string {
  const dir = mkdtempSync(join(root, 'copy-'));
  cpSync(interrupted, dir, { recursive: true });
  if (unrecorded) {
    const { files: _files, selfSha256: _seal, ...manifest } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return dir;
}

describe('--resume of a folder with a directory in place of a file', () => {
  it.each([
    ...['manifest.json', 'summary.json', 'replications.jsonl', 'metrics.csv', 'timeseries.csv'].map((file) => [file, 'recorded'] as const),
    // Without records, each file is found a directory where it is read.
    ...['summary.json', 'replications.jsonl', 'timeseries.csv'].map((file) => [file, 'unrecorded'] as const),
  ])('%s (%s in the manifest): refused naming the file, the folder unchanged', async (file, records) => {
    const dir = copyOfInterrupted(records === 'unrecorded');
    rmSync(join(dir, file));
    mkdirSync(join(dir, file));
    const before = snapshot(dir);
    const err = await resumeRun(dir, { workers: 0, model: TOY_MODEL }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${join(dir, file)}: (file): expected a file, found a directory`);
    expect(snapshot(dir)).toEqual(before);
  });
});

/** A copy of the interrupted folder whose (unsealed) manifest has `edit` applied. */
function copyWithManifest(edit: (manifest: Record<string, unknown>) => void): string {
  const dir = copyOfInterrupted(true);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

describe('--resume of an unsealed manifest whose fields are wrong: refused before anything runs or is written', () => {
  it.each([
    ['replications: -3', (m: Record<string, unknown>) => { m['replications'] = -3; }, 'replications: expected the number of replications (an integer ≥ 1), found -3'],
    ['seed: "abc"', (m: Record<string, unknown>) => { m['seed'] = 'abc'; }, "seed: expected the root seed (an integer ≥ 0), found 'abc'"],
    ['scenario: "hello"', (m: Record<string, unknown>) => { m['scenario'] = 'hello'; }, "scenario: expected the resolved scenario (a mapping), found 'hello'"],
    ['replicationSeeds: ["x"]', (m: Record<string, unknown>) => { m['replicationSeeds'] = ['x']; }, "replicationSeeds.0: expected a seed (an integer ≥ 0), found 'x'"],
    ['scenario missing', (m: Record<string, unknown>) => { delete m['scenario']; }, 'scenario: expected the resolved scenario (a mapping), found nothing (the field is missing)'],
    ['scenarioInput missing', (m: Record<string, unknown>) => { delete m['scenarioInput']; }, 'scenarioInput: expected the scenario input the run came from (a mapping), found nothing (the field is missing)'],
    ['replications: 6 with replicationSeeds: [1]', (m: Record<string, unknown>) => { m['replications'] = 6; m['replicationSeeds'] = [1]; }, 'replicationSeeds: expected one seed per replication (replications: 6), found 1 seed'],
    // Seeds the root seed does not derive: replication 4 has not run, so it would run with the edited seed.
    ['replicationSeeds.4 edited', (m: Record<string, unknown>) => { (m['replicationSeeds'] as number[])[4] = 12345; }, `replicationSeeds.4: expected ${replicationSeed(1, 4)}, the seed of replication 4 derived from the root seed (seed: 1), found 12345`],
    // Seeds the root seed derives, one more than replications: the plan would run 7 replications of a run that records 6.
    ['replications: 6 with 7 derived replicationSeeds', (m: Record<string, unknown>) => { m['replicationSeeds'] = Array.from({ length: 7 }, (_, k) => replicationSeed(1, k)); }, 'replicationSeeds: expected one seed per replication (replications: 6), found 7 seeds'],
    ['shard: 3/2', (m: Record<string, unknown>) => { m['shard'] = { index: 3, count: 2 }; }, "shard.index: expected the shard's number, from 1 to 2, found 3"],
    ['status: "done"', (m: Record<string, unknown>) => { m['status'] = 'done'; }, "status: expected one of 'running', 'complete', 'interrupted', 'failed', found 'done'"],
    ['seed edited, replicationSeeds kept', (m: Record<string, unknown>) => { m['seed'] = 2; }, 'replicationSeeds.0: expected 2, the seed of replication 0 derived from the root seed (seed: 2), found 1'],
  ])('%s', async (_name, edit, message) => {
    const dir = copyWithManifest(edit);
    const before = snapshot(dir);
    const err = await resumeRun(dir, { workers: 0, model: TOY_MODEL }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${join(dir, 'manifest.json')}: ${message}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it("a manifest that says 'complete' with replications missing from replications.jsonl", async () => {
    const dir = copyWithManifest((m) => { m['status'] = 'complete'; });
    const before = snapshot(dir);
    const err = await checkResume(dir).then(() => undefined, (e: unknown) => e);
    expect((err as InputError).message).toBe(`${join(dir, 'manifest.json')}: status: expected 'complete' only where every replication is recorded (6 in replications.jsonl), found 'complete' with 3 recorded (missing point 0, replication 3; point 0, replication 4; point 0, replication 5)`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('--resume of a folder from before file records whose replications.jsonl repeats a replication', () => {
  it('is refused naming the line and the one it repeats, the folder unchanged', async () => {
    const dir = copyOfInterrupted(true);
    const file = join(dir, 'replications.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    writeFileSync(file, [...lines, lines[0]!].map((l) => `${l}\n`).join(''));
    const before = snapshot(dir);
    const err = await resumeRun(dir, { workers: 0, model: TOY_MODEL }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const first = JSON.parse(lines[0]!) as { point: number; replication: number };
    expect((err as InputError).message).toBe(`${file}:${lines.length + 1}: (line): expected each replication of each point recorded once, found point ${first.point}, replication ${first.replication} again (line 1 has it)`);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('merge of shards whose unsealed manifests list seeds the root seed does not derive', () => {
  it('is refused naming the manifest and the seed, and writes nothing', async () => {
    const loaded = toyScenario();
    const dirs: string[] = [];
    for (const index of [1, 2]) {
      const s = await runScenario({ loaded, shard: { index, count: 2 }, workers: 0, model: TOY_MODEL, outDir: join(root, `seed-shard${index}`) });
      const { files: _files, selfSha256: _seal, ...manifest } = JSON.parse(readFileSync(join(s.dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      (manifest['replicationSeeds'] as number[])[1] = 777;
      writeFileSync(join(s.dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      dirs.push(s.dir);
    }
    const out = join(root, 'seed-merged');
    const err = (() => { try { mergeShards(dirs, out); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${join(dirs[0]!, 'manifest.json')}: replicationSeeds.1: expected ${replicationSeed(1, 1)}, the seed of replication 1 derived from the root seed (seed: 1), found 777`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--resume of a complete folder', () => {
  it('says there is nothing to resume, and leaves the folder untouched', async () => {
    const dir = copyOfInterrupted(false);
    await resumeRun(dir, { workers: 0, model: TOY_MODEL });
    const before = snapshot(dir);
    expect((await checkResume(dir)).complete).toBe(true);
    const err = await resumeRun(dir, { workers: 0, model: TOY_MODEL }).then(() => undefined, (e: unknown) => e);
    expect((err as InputError).message).toBe(`${join(dir, 'manifest.json')}: status: expected an interrupted, running or failed run (a complete one has nothing to resume), found 'complete'`);
    expect(snapshot(dir)).toEqual(before);
  });
});
