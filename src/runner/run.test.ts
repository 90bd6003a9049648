import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVary } from '../scenario/index.ts';
import { dryRun, gridOf, mergeShards, readResults, resumeRun, runScenario, summaryPassed } from './index.ts';
import { leftoverTempFiles, readText, replicationsWithoutWall, tempRoot, toyScenario } from './testing/fixtures.ts';
import { TOY_MODEL } from './testing/toy-model.ts';

const root = tempRoot('runner');
const toy = (exportName: string) => ({ ...TOY_MODEL, exportName });

describe('runScenario', () => {
  it('gives identical summaries in this thread, on 1 worker and on 2 workers', async () => {
    const loaded = toyScenario();
    const dirs: string[] = [];
    for (const workers of [0, 1, 2]) {
      const r = await runScenario({ loaded, workers, model: TOY_MODEL, outDir: join(root, `w${workers}`) });
      expect(r.status).toBe('complete');
      dirs.push(r.dir);
    }
    const summary = readText(dirs[0]!, 'summary.json');
    expect(JSON.parse(summary).points[0].n).toBe(6);
    // The latency distributions travel too: every replication's, averaged into the summary.
    expect(JSON.parse(summary).points[0].latency_cdf['toy.latency_ms'].n).toBe(6);
    expect(readText(dirs[1]!, 'summary.json')).toBe(summary);
    expect(readText(dirs[2]!, 'summary.json')).toBe(summary);
    expect(replicationsWithoutWall(dirs[2]!)).toEqual(replicationsWithoutWall(dirs[0]!));
    expect(readText(dirs[2]!, 'timeseries.csv')).toBe(readText(dirs[0]!, 'timeseries.csv'));
    expect(leftoverTempFiles(dirs[2]!)).toEqual([]);
  });

  it('writes the manifest with the resolved scenario, seeds and a complete status', async () => {
    const r = await runScenario({ loaded: toyScenario('', ['seed=9']), workers: 0, model: TOY_MODEL, outDir: join(root, 'manifest') });
    const manifest = JSON.parse(readText(r.dir, 'manifest.json'));
    expect(manifest).toMatchObject({ format: 'iomtsim-results/1', kind: 'run', status: 'complete', seed: 9, replications: 6, overrides: ['seed=9'] });
    expect(manifest.replicationSeeds[0]).toBe(9);
    expect(manifest.scenario.duration).toBe(5_000_000);
  });

  it('runs every sweep point on the same replication seeds (common random numbers)', async () => {
    const r = await runScenario({ loaded: toyScenario(), dimensions: [parseVary('consensus.nodes=3,5')], workers: 0, model: TOY_MODEL, outDir: join(root, 'crn') });
    const records = replicationsWithoutWall(r.dir) as Array<{ point: number; seed: number; parameters: object }>;
    const seedsAt = (p: number) => records.filter((x) => x.point === p).map((x) => x.seed);
    expect(seedsAt(0)).toHaveLength(6);
    expect(seedsAt(1)).toEqual(seedsAt(0));
    // Each record carries its own point's parameters (the tidy files repeat them on every row).
    expect(records.map((x) => [x.point, x.parameters])).toEqual([...Array(6).fill([0, { 'consensus.nodes': 3 }]), ...Array(6).fill([1, { 'consensus.nodes': 5 }])]);
    expect(r.summary.points.map((p) => p.parameters)).toEqual([{ 'consensus.nodes': 3 }, { 'consensus.nodes': 5 }]);
    expect(r.summary.points[1]!.metrics['toy.nodes']!.mean).toBe(5);
  });

  it('judges expectations on the means and fails the run when one does not hold', async () => {
    // The toy model's metrics are in no catalog, so the loader would refuse them in the file: set past it.
    const loaded = toyScenario();
    const conditions = { 'toy.nodes': '== 4', 'toy.sent': '< 0' };
    const expectations = { ...loaded, input: { ...loaded.input, expect: conditions }, scenario: { ...loaded.scenario, expect: conditions } };
    const r = await runScenario({ loaded: expectations, workers: 0, model: TOY_MODEL, outDir: join(root, 'expect') });
    expect(r.summary.points[0]!.expectations.map((e) => e.passed)).toEqual([true, false]);
    expect(summaryPassed(r.summary)).toBe(false);
  });

  it('reports a replication that throws with its seed and error, and completes the others', async () => {
    const r = await runScenario({ loaded: toyScenario(), workers: 2, model: toy('simulateToyThrowingInReplication2'), outDir: join(root, 'throws') });
    expect(r.status).toBe('failed');
    expect(r.summary.failures).toHaveLength(1);
    expect(r.summary.failures[0]).toMatchObject({ point: 0, replication: 2, seed: r.manifest.replicationSeeds[2] });
    expect(r.summary.failures[0]!.error).toContain('toy model failure');
    expect(r.summary.points[0]!.n).toBe(5);
    expect(summaryPassed(r.summary)).toBe(false);
  });

  it('reports a replication whose worker thread dies, and completes the others', async () => {
    const r = await runScenario({ loaded: toyScenario(), workers: 2, model: toy('simulateToyExitingInReplication2'), outDir: join(root, 'dies') });
    expect(r.status).toBe('failed');
    expect(r.summary.failures.map((f) => f.replication)).toEqual([2]);
    expect(r.summary.points[0]!.n).toBe(5);
  });

  it('counts the simulated time a running replication has reached in its progress, and the total it will reach', async () => {
    const seen: { done: number; simulatedUs: number; simulatedTotalUs?: number }[] = [];
    const r = await runScenario({
      loaded: toyScenario('', ['replications=1']), workers: 1, model: toy('simulateToyHoldingAfterFirstReport'), outDir: join(root, 'progress'),
      onProgress: (p) => { seen.push(p); },
    });
    expect(r.status).toBe('complete');
    // The toy replication reports after 1 s of its 5 s, then holds its thread 1.5 s; the runner polls every second.
    expect(seen.filter((p) => p.done === 0).map((p) => p.simulatedUs)).toContain(1_000_000);
    expect(seen.at(-1)).toMatchObject({ done: 1, simulatedUs: 5_000_000, simulatedTotalUs: 5_000_000 });
  });

  it('keeps finished replications when interrupted, and a resumed run equals an uninterrupted one', async () => {
    const loaded = toyScenario();
    const full = await runScenario({ loaded, workers: 0, model: TOY_MODEL, outDir: join(root, 'uninterrupted') });
    const controller = new AbortController();
    const cut = await runScenario({
      loaded, workers: 0, model: TOY_MODEL, outDir: join(root, 'interrupted'), signal: controller.signal,
      onProgress: (p) => { if (p.done === 3) controller.abort(); },
    });
    expect(cut.status).toBe('interrupted');
    expect(JSON.parse(readText(cut.dir, 'manifest.json')).status).toBe('interrupted');
    expect(readResults(cut.dir).finished).toHaveLength(3);
    const resumed = await resumeRun(cut.dir, { workers: 2, model: TOY_MODEL });
    expect(resumed.status).toBe('complete');
    expect(readText(cut.dir, 'summary.json')).toBe(readText(full.dir, 'summary.json'));
    expect(replicationsWithoutWall(cut.dir)).toEqual(replicationsWithoutWall(full.dir));
    expect(readText(cut.dir, 'timeseries.csv')).toBe(readText(full.dir, 'timeseries.csv'));
    // The manifest records the workers the last start ran on.
    expect([JSON.parse(readText(full.dir, 'manifest.json')).workers, JSON.parse(readText(cut.dir, 'manifest.json')).workers]).toEqual([0, 2]);
  });
});

describe('shards', () => {
  it('shards 1/3, 2/3 and 3/3 merged equal the unsharded sweep', async () => {
    const loaded = toyScenario();
    const dimensions = [parseVary('consensus.nodes=3,4'), parseVary('workload.rateTps=10,30')];
    const whole = await runScenario({ loaded, dimensions, workers: 0, model: TOY_MODEL, outDir: join(root, 'whole') });
    const shardDirs: string[] = [];
    for (const index of [1, 2, 3]) {
      const s = await runScenario({ loaded, dimensions, shard: { index, count: 3 }, workers: 0, model: TOY_MODEL, outDir: join(root, `shard${index}`) });
      expect(s.finished.length).toBe(8);
      shardDirs.push(s.dir);
    }
    const merged = mergeShards(shardDirs.reverse(), join(root, 'merged'));
    expect(merged.status).toBe('complete');
    expect(readText(merged.dir, 'summary.json')).toBe(readText(whole.dir, 'summary.json'));
    expect(replicationsWithoutWall(merged.dir)).toEqual(replicationsWithoutWall(whole.dir));
    expect(readText(merged.dir, 'timeseries.csv')).toBe(readText(whole.dir, 'timeseries.csv'));
    expect(JSON.parse(readText(merged.dir, 'manifest.json'))).not.toHaveProperty('shard');
    expect(JSON.parse(readText(merged.dir, 'manifest.json'))).not.toHaveProperty('workers');
  });

  it.each([
    ['a seed', ['seed=6'], 'seed: expected 1 (as in SHARD1), found 6'],
    ['a --set of the scenario input', ['duration=6s'], "scenarioInput.duration: expected '5s' (as in SHARD1), found '6s'"],
    ['a replication count', ['replications=5'], 'replications: expected 6 (as in SHARD1), found 5'],
  ])('refuses shards of different runs, naming the first field that differs (%s) with both values, nothing written', async (_name, sets, message) => {
    const name = `differs-${sets.join('-').replace(/\W/g, '')}`;
    const one = await runScenario({ loaded: toyScenario('', ['seed=1']), shard: { index: 1, count: 2 }, workers: 0, model: TOY_MODEL, outDir: join(root, `${name}-1`) });
    const two = await runScenario({ loaded: toyScenario('', ['seed=1', ...sets]), shard: { index: 2, count: 2 }, workers: 0, model: TOY_MODEL, outDir: join(root, `${name}-2`) });
    const out = join(root, `${name}-merged`);
    expect(() => mergeShards([one.dir, two.dir], out)).toThrow(`${join(two.dir, 'manifest.json')}: ${message.replace('SHARD1', one.dir)}`);
    expect(existsSync(out)).toBe(false);
  });

  it('shows two long texts of differing shards from a little before their first difference', async () => {
    const shard = (index: number, letter: string) =>
      runScenario({ loaded: toyScenario('', ['seed=1', `description=${'x'.repeat(70)}${letter}`]), shard: { index, count: 2 }, workers: 0, model: TOY_MODEL, outDir: join(root, `long-text-${index}`) });
    const one = await shard(1, 'A');
    const two = await shard(2, 'B');
    expect(() => mergeShards([one.dir, two.dir], join(root, 'long-text-merged'))).toThrow(`scenarioInput.description: expected '...${'x'.repeat(20)}A' (as in ${one.dir}), found '...${'x'.repeat(20)}B'`);
  });

  it('refuses to merge an incomplete set of shards', async () => {
    const loaded = toyScenario();
    const s = await runScenario({ loaded, shard: { index: 1, count: 2 }, workers: 0, model: TOY_MODEL, outDir: join(root, 'lonely') });
    expect(() => mergeShards([s.dir], join(root, 'lonely-merged'))).toThrow(/expected all 2 shards, found shards 1 \(missing 2\)/);
  });
});

describe('dryRun', () => {
  it('checks the grid points it is handed (built to choose the threads) rather than building them again', async () => {
    const handed = gridOf(toyScenario('', ['duration=7s']), []);
    const dry = await dryRun({ loaded: toyScenario(), workers: 0, model: TOY_MODEL, points: handed });
    expect(dry.durationsUs).toEqual([7_000_000]);
  });
});
