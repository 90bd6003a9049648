/**
 * A results folder while its run is under way, and a resumed run's bookkeeping: what a reader of
 * the folder (a CI step polling it, `merge`, `--resume`) finds before the last replication
 * finishes, and what a resumed run counts as done, spent and left.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealedJson } from '../io/recorded-files.ts';
import { resumeRun, runScenario, type Progress } from './index.ts';
import { interruptedToyRun, readText, replicationsWithoutWall, tempRoot, toyScenario } from './testing/fixtures.ts';
import { TOY_MODEL } from './testing/toy-model.ts';

const root = tempRoot('running-folder');

const manifestOf = (dir: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('a folder whose run is under way', () => {
  it("says 'running', with no end, at every checkpoint before the last replication", async () => {
    const outDir = join(root, 'checkpoints');
    const seen: { done: number; status: unknown; endedAt: unknown }[] = [];
    // checkpointMs 0: a checkpoint after every replication, each read at the next progress report.
    const r = await runScenario({
      loaded: toyScenario(), workers: 0, model: TOY_MODEL, outDir, checkpointMs: 0,
      onProgress: (p) => { if (p.done < p.total) seen.push({ done: p.done, ...pick(manifestOf(outDir)) }); },
    });
    expect(r.status).toBe('complete');
    expect(seen.map((s) => s.done)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.filter((s) => s.status !== 'running' || s.endedAt !== null)).toEqual([]);
    expect(typeof manifestOf(outDir)['endedAt']).toBe('string');
  });

  it('interrupted while a replication is in flight records no failure: the replication simply did not finish', async () => {
    const controller = new AbortController();
    const cut = await runScenario({
      loaded: toyScenario(), workers: 2, model: TOY_MODEL, outDir: join(root, 'in-flight'), signal: controller.signal,
      onProgress: (p) => { if (p.done === 1) controller.abort(); },
    });
    expect(cut.status).toBe('interrupted');
    expect(cut.summary.failures).toEqual([]);
    expect(JSON.parse(readText(cut.dir, 'summary.json')).failures).toEqual([]);
  });
});

function pick(m: Record<string, unknown>): { status: unknown; endedAt: unknown } {
  return { status: m['status'], endedAt: m['endedAt'] };
}

describe('a resumed run', () => {
  it('counts the replications the interrupted run finished as done, runs only the others, and reports 6 in all', async () => {
    const dir = await interruptedToyRun(join(root, 'progress'));
    const seen: Progress[] = [];
    await resumeRun(dir, { workers: 0, model: TOY_MODEL, onProgress: (p) => { seen.push(p); } });
    expect(seen[0]).toMatchObject({ done: 3, doneBefore: 3, total: 6 });
    expect(seen.at(-1)).toMatchObject({ done: 6, doneBefore: 3, total: 6 });
  });

  it("adds its wall time to the earlier attempts'", async () => {
    const dir = await interruptedToyRun(join(root, 'wall'));
    // Resealed with a known earlier wall time, far above what the toy run takes.
    writeFileSync(join(dir, 'manifest.json'), sealedJson({ ...manifestOf(dir), wallMs: 1_000_000_000 }));
    await resumeRun(dir, { workers: 0, model: TOY_MODEL });
    const wallMs = manifestOf(dir)['wallMs'] as number;
    expect(wallMs).toBeGreaterThanOrEqual(1_000_000_000);
    expect(wallMs).toBeLessThan(1_000_000_000 + 600_000);
  });

  it("of a shard runs only that shard's replications, and equals the shard run uninterrupted", async () => {
    const loaded = toyScenario('', ['replications=4']);
    const shard = { index: 1, count: 2 };
    const whole = await runScenario({ loaded, shard, workers: 0, model: TOY_MODEL, outDir: join(root, 'shard-whole') });
    const controller = new AbortController();
    const cut = await runScenario({
      loaded, shard, workers: 0, model: TOY_MODEL, outDir: join(root, 'shard-cut'), signal: controller.signal,
      onProgress: (p) => { if (p.done === 1) controller.abort(); },
    });
    expect(cut.status).toBe('interrupted');
    await resumeRun(cut.dir, { workers: 0, model: TOY_MODEL });
    expect((replicationsWithoutWall(cut.dir) as { replication: number }[]).map((r) => r.replication)).toEqual([0, 2]);
    expect(replicationsWithoutWall(cut.dir)).toEqual(replicationsWithoutWall(whole.dir));
    expect(manifestOf(cut.dir)['shard']).toEqual(shard);
  });
});
