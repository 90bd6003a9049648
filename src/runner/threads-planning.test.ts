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

const bundled = (name: string) => loadScenario(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), []);

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
});
