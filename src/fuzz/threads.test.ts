import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarise } from './results.ts';
import { runFuzz } from './run.ts';
import { inTreeTarget, moduleTarget, type FuzzTarget } from './target.ts';
import { FUZZ_EXIT } from './verdict.ts';

const SHARED_MEMORY_PBFT = fileURLToPath(new URL('./testing/shared-memory-pbft.ts', import.meta.url));

describe('iomtsim fuzz --threads', () => {
  it('runs each seed again split over threads, without the attacks that cannot split, and PBFT gives the one-thread outputs', async () => {
    const target = inTreeTarget('pbft');
    const outcome = await runFuzz({ target, seeds: [1, 2, 3, 4, 5, 6], nodes: { lo: 4, hi: 13 }, beyond: false, workers: 0, threads: 2, stopAtFirstFailure: false });
    expect(outcome.results.map((r) => r.verdict.kind)).toEqual(new Array(6).fill('pass'));
    const summary = summarise(target, outcome, false, undefined, 2);
    expect(summary.split!.compared).toBeGreaterThanOrEqual(3);
    // Every seed is compared or says why its world cannot split.
    expect(summary.split!.compared + Object.values(summary.split!.notSplit).reduce((a, b) => a + b, 0)).toBe(6);
    expect(Object.keys(summary.split!.without).every((k) => /^compared without (crash of the leader|leader-[a-z]+)(, .+)?$/.test(k))).toBe(true);
  }, 120_000);

  it('catches a protocol whose replicas share memory: a divergence, exit 6, and a scenario file with the commands that show it', async () => {
    // Fuzzed as a mutant of PBFT is (mutantTarget): PBFT's drawn timers and liveness bound, 8.7
    // simulated seconds at seed 1. As a plug-in it keeps its defaults, whose longest duration is
    // PBTS's 15 s message delay, and the run lasts 20 times that (liveness-bound.ts): 306 s, split
    // into windows of the drawn 4 ms floor, about 25 s of wall time against 3 s, for a divergence
    // that shows from the first messages.
    const target: FuzzTarget = { ...(await moduleTarget(SHARED_MEMORY_PBFT)), family: 'pbft' };
    const outcome = await runFuzz({ target, seeds: [1, 2, 3], nodes: { lo: 4, hi: 7 }, beyond: false, workers: 0, threads: 2, stopAtFirstFailure: true });
    const failing = outcome.results.find((r) => r.verdict.kind !== 'pass');
    expect(failing?.verdict.kind).toBe('divergence');
    expect(failing!.verdict.details[0]).toMatch(/^trace hash [0-9a-f]{16} on 2 threads, [0-9a-f]{16} on one$/);
    const dir = mkdtempSync(join(tmpdir(), 'iomtsim-fuzz-threads-'));
    const summary = summarise(target, outcome, false, dir, 2);
    expect(summary.exitCode).toBe(FUZZ_EXIT.divergence);
    const f = summary.failures[0]!;
    expect(existsSync(f.file)).toBe(true);
    expect(f.replay).toBe(`iomtsim run ${f.file} --threads 2, against iomtsim run ${f.file}`);
  }, 120_000);
});
