/**
 * What `merge` makes of shards that ran (not edited records: merge-records.test.ts): the merged
 * folder's status and failures, its manifest's times, and the shard sets it must refuse because
 * merging them would double-count a replication, leave one out, or mix two runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealedJson } from '../io/recorded-files.ts';
import { parseVary } from '../scenario/index.ts';
import { mergeShards, runScenario, summaryPassed } from './index.ts';
import { readText, tempRoot, toyScenario } from './testing/fixtures.ts';
import { TOY_MODEL } from './testing/toy-model.ts';

const root = tempRoot('merge-shards');

function shardRun(name: string, index: number, count: number, options: { sets?: string[]; vary?: string; exportName?: string; signal?: AbortSignal; onProgress?: (p: { done: number }) => void } = {}) {
  return runScenario({
    loaded: toyScenario('', ['replications=4', ...(options.sets ?? [])]),
    dimensions: options.vary === undefined ? [] : [parseVary(options.vary)],
    shard: { index, count },
    workers: 0,
    model: { ...TOY_MODEL, exportName: options.exportName ?? TOY_MODEL.exportName },
    outDir: join(root, `${name}-${index}of${count}`),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** The message of the error `act` throws, and whether `out` was left unwritten. */
function refusal(act: () => unknown, out: string): { message: string; written: boolean } {
  try {
    act();
  } catch (err) {
    return { message: (err as Error).message, written: existsSync(out) };
  }
  return { message: 'no error', written: existsSync(out) };
}

describe('merged shards', () => {
  it('of a run with a failed replication are failed, name the failure and do not pass (exit 1)', async () => {
    // Replication 2 (task 2) of 4 throws; it is shard 1/2's (tasks 0 and 2).
    const dirs = [];
    for (const index of [1, 2]) dirs.push((await shardRun('throws', index, 2, { exportName: 'simulateToyThrowingInReplication2' })).dir);
    expect(JSON.parse(readText(dirs[0]!, 'manifest.json')).status).toBe('failed');
    const merged = mergeShards(dirs, join(root, 'throws-merged'));
    expect(merged.status).toBe('failed');
    expect(merged.summary.failures.map((f) => [f.point, f.replication])).toEqual([[0, 2]]);
    expect(merged.summary.points[0]!.n).toBe(3);
    expect(summaryPassed(merged.summary)).toBe(false);
    expect(JSON.parse(readText(merged.dir, 'manifest.json')).status).toBe('failed');
  });

  it("record the shards' total wall time and the earliest start", async () => {
    const dirs = [];
    for (const index of [1, 2]) dirs.push((await shardRun('times', index, 2)).dir);
    // Resealed with known times: shard 2 started first and both ran a known time.
    const times = [{ startedAt: '2026-01-02T00:00:00.000Z', wallMs: 1_000 }, { startedAt: '2026-01-01T00:00:00.000Z', wallMs: 250 }];
    dirs.forEach((dir, i) => {
      const manifest = JSON.parse(readText(dir, 'manifest.json')) as Record<string, unknown>;
      writeFileSync(join(dir, 'manifest.json'), sealedJson({ ...manifest, ...times[i] }));
    });
    const merged = JSON.parse(readText(mergeShards(dirs, join(root, 'times-merged')).dir, 'manifest.json'));
    expect([merged.startedAt, merged.wallMs]).toEqual(['2026-01-01T00:00:00.000Z', 1_250]);
  });
});

describe('merge refuses, writing nothing,', () => {
  it('an interrupted shard: its missing replications would merge into a folder marked complete', async () => {
    const controller = new AbortController();
    const cut = await shardRun('cut', 1, 2, { signal: controller.signal, onProgress: (p) => { if (p.done === 1) controller.abort(); } });
    expect(cut.status).toBe('interrupted');
    const two = await shardRun('cut', 2, 2);
    const out = join(root, 'cut-merged');
    expect(refusal(() => mergeShards([cut.dir, two.dir], out), out)).toEqual({
      message: `${join(cut.dir, 'manifest.json')}: status: expected a finished shard ('complete' or 'failed'; resume it with --resume), found 'interrupted'`,
      written: false,
    });
  });

  it('the same shard twice: its replications would count twice', async () => {
    const one = await shardRun('twice', 1, 2);
    const two = await shardRun('twice', 2, 2);
    const out = join(root, 'twice-merged');
    expect(refusal(() => mergeShards([one.dir, two.dir, one.dir], out), out)).toEqual({
      message: `${join(one.dir, 'manifest.json')}: shard.index: expected each shard once (1/2 is also ${one.dir}), found shard 1/2 twice`,
      written: false,
    });
  });

  it('shards of different counts (1/2 and 2/3): their slices overlap and leave gaps', async () => {
    const one = await shardRun('counts', 1, 2);
    const two = await shardRun('counts', 2, 3);
    const out = join(root, 'counts-merged');
    expect(refusal(() => mergeShards([one.dir, two.dir], out), out)).toEqual({
      message: `${join(two.dir, 'manifest.json')}: shard.count: expected 2 (as in ${one.dir}), found 3`,
      written: false,
    });
  });

  it('shards of different sweeps over the same scenario input: point 1 would mix two parameter values', async () => {
    const one = await shardRun('sweeps', 1, 2, { vary: 'consensus.nodes=3,4' });
    const two = await shardRun('sweeps', 2, 2, { vary: 'consensus.nodes=3,5' });
    const out = join(root, 'sweeps-merged');
    const { message, written } = refusal(() => mergeShards([one.dir, two.dir], out), out);
    expect(message).toBe(`${join(two.dir, 'manifest.json')}: sweep.dimensions.0.values.1: expected 4 (as in ${one.dir}), found 5`);
    expect(written).toBe(false);
    expect(readFileSync(join(one.dir, 'manifest.json'), 'utf8')).toContain('"sweep"');
  });
});
