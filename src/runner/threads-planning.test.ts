/**
 * Planning a split in full builds the point's world (about a second for regional.yaml); a point
 * whose latencies settle whether it splits (src/world/threads/run.ts windowFromLatenciesUs) has its
 * world built neither to choose the default count nor for the run's check. The planner is
 * replaced by one that counts the worlds it is given.
 */
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadScenario, parseVary } from '../scenario/index.ts';
import type { Scenario } from '../scenario/schema.ts';
import { defaultThreads } from '../world/threads/default-threads.ts';
import { checkThreads, gridOf } from './run.ts';

const planned = vi.hoisted(() => ({ worlds: 0 }));
vi.mock('../world/threads/plan-thread.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../world/threads/plan-thread.ts')>();
  return {
    planSplitsInThread(scenarios: readonly Scenario[], threads: number) {
      planned.worlds += scenarios.length;
      return original.planSplitsInThread(scenarios, threads);
    },
  };
});

const bundled = (name: string, sets: readonly string[] = []) => loadScenario(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), sets);

beforeEach(() => {
  planned.worlds = 0;
});

describe('planning a split over threads', () => {
  it('chooses the default count for 8 points of regional.yaml and checks their split without building a world', async () => {
    const loaded = bundled('regional.yaml');
    const points = gridOf(loaded, [parseVary('iomt.bedsPerWard=10..17')]);
    expect((await defaultThreads(() => points.map((p) => p.scenario), 1, 2)).threads).toBe(2);
    await checkThreads(points, loaded, 2);
    expect(planned.worlds).toBe(0);
  });

  it('builds the world of a point its latencies do not settle: more threads than hospitals', async () => {
    const loaded = bundled('hospital.yaml');
    await checkThreads(gridOf(loaded, []), loaded, 2);
    expect(planned.worlds).toBe(1);
  });

  it('builds the world of a point with a device attack once, for the default count and the run\'s check together', async () => {
    // A device attack leaves the split to the sites a plan counts, so the latencies do not settle it.
    const loaded = bundled('regional.yaml', ['attacks=[{type: replay, start: 5s, devices: [2, 3], delay: 2s}]']);
    const points = gridOf(loaded, []);
    const chosen = await defaultThreads(() => points.map((p) => p.scenario), 1, 2);
    expect(chosen.threads).toBe(2);
    await checkThreads(points, loaded, 2, undefined, chosen.planned);
    expect(planned.worlds).toBe(1);
  });
});
