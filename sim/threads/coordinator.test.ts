import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wholeRun } from '../partitioned-run.ts';
import { partitionableTrafficEngine } from '../testing/helpers.ts';
import { runPartitionsOnThreads, startPartitionThreads } from './coordinator.ts';

const WORLD = new URL('../testing/partitionable-world.ts', import.meta.url).href;
const LOADER = pathToFileURL(fileURLToPath(new URL('../../src/runner/worker-loader.mjs', import.meta.url))).href;
const UNTIL_US = 300_000;

/** The one-engine run of the partitionable world, with every event its observers see. */
function observedWhole(seed: number, hostCount: number) {
  const engine = partitionableTrafficEngine(seed, hostCount);
  const seen: unknown[] = [];
  engine.observe((h, event, t) => void seen.push([h, t, event]));
  return { engine, seen };
}

describe('a replication on threads', () => {
  it('gives the whole run\'s trace hash, events, counters and observed events on 1, 2, 3 and 4 threads', async () => {
    const seed = 17, hostCount = 30;
    const { engine: whole, seen: seenWhole } = observedWhole(seed, hostCount);
    whole.runBefore(UNTIL_US);
    const expected = wholeRun(whole);
    for (const threads of [1, 2, 3, 4]) {
      const assignment = Array.from({ length: hostCount }, (_, h) => (h * 7) % threads);
      const seen: unknown[] = [];
      const run = await runPartitionsOnThreads({
        worldModule: WORLD, worldArgs: { seed, hostCount }, assignment, untilUs: UNTIL_US, execArgv: ['--import', LOADER],
        observers: [(h, event, t) => void seen.push([h, t, event])],
      });
      const { windows, extras, endUs, ...combined } = run;
      expect([threads, combined, endUs]).toEqual([threads, expected, UNTIL_US]);
      expect(seen).toEqual(seenWhole);
      expect(extras).toEqual(new Array(threads).fill(undefined));
      expect(windows).toBeGreaterThan(threads > 1 ? 100 : 0);
    }
  }, 60_000);

  it("replays in one engine's order when a partition never posts (it runs no host, so emits and sends nothing)", async () => {
    const seed = 23, hostCount = 24;
    const { engine: whole, seen: seenWhole } = observedWhole(seed, hostCount);
    whole.runBefore(UNTIL_US);
    const seen: unknown[] = [];
    const run = await runPartitionsOnThreads({
      worldModule: WORLD, worldArgs: { seed, hostCount }, assignment: Array.from({ length: hostCount }, (_, h) => (h % 2 === 0 ? 0 : 2)), untilUs: UNTIL_US, execArgv: ['--import', LOADER],
      observers: [(h, event, t) => void seen.push([h, t, event])],
    });
    expect(seenWhole.length).toBeGreaterThan(1_000);
    expect(seen).toEqual(seenWhole);
    expect(run.traceHash).toBe(whole.traceHash());
  }, 60_000);

  it('pauses at each check with every event before it observed, and ends where the check says', async () => {
    const seed = 29, hostCount = 24, everyUs = 40_000, stopAtUs = 120_000;
    const { engine: whole, seen: seenWhole } = observedWhole(seed, hostCount);
    const countsWhole: number[] = [];
    for (let t = everyUs; t <= stopAtUs; t += everyUs) {
      whole.runBefore(t);
      countsWhole.push(seenWhole.length);
    }
    const seen: unknown[] = [];
    const checks: [number, number, readonly unknown[]][] = [];
    const run = await runPartitionsOnThreads({
      worldModule: WORLD, worldArgs: { seed, hostCount }, assignment: Array.from({ length: hostCount }, (_, h) => h % 3), untilUs: UNTIL_US, execArgv: ['--import', LOADER],
      observers: [(h, event, t) => void seen.push([h, t, event])],
      check: {
        everyUs,
        goOn: (atUs, parts) => {
          checks.push([atUs, seen.length, parts]);
          return atUs < stopAtUs;
        },
      },
    });
    expect(countsWhole[0]).toBeGreaterThan(100);
    expect(checks).toEqual(countsWhole.map((count, i) => [(i + 1) * everyUs, count, [undefined, undefined, undefined]]));
    expect(seen).toEqual(seenWhole);
    expect([run.endUs, run.traceHash, run.eventsProcessed]).toEqual([stopAtUs, whole.traceHash(), whole.eventsProcessed]);
  }, 60_000);

  it('stops every thread and names the cause when a partition fails', async () => {
    // An assignment naming too few hosts fails in each thread as the world is built.
    await expect(
      runPartitionsOnThreads({ worldModule: WORLD, worldArgs: { seed: 1, hostCount: 6 }, assignment: [0, 1, 0], untilUs: 10_000, execArgv: ['--import', LOADER] }),
    ).rejects.toThrow(/expected a partition for host 3, found 3 entries/);
  }, 30_000);

  it('names the cause when a thread fails before it is told its hosts', async () => {
    // Threads start before the split is planned: one whose world cannot load fails meanwhile.
    const started = startPartitionThreads({ count: 2, worldModule: new URL('./no-such-world.ts', import.meta.url).href, worldArgs: {}, untilUs: 10_000, execArgv: ['--import', LOADER], observed: false, checkEveryUs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await expect(started.run({ assignment: [0, 1] })).rejects.toThrow(/no-such-world/);
  }, 30_000);

  it('refuses an assignment to more partitions than it started threads for', async () => {
    const started = startPartitionThreads({ count: 2, worldModule: WORLD, worldArgs: { seed: 1, hostCount: 3 }, untilUs: 10_000, execArgv: ['--import', LOADER], observed: false, checkEveryUs: 0 });
    await expect(started.run({ assignment: [0, 1, 2] })).rejects.toThrow(/expected partitions 0\.\.1, found 2/);
  }, 30_000);
});
