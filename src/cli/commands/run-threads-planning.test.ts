/**
 * `sweep` without --threads plans in full the splits the latencies do not settle to choose its
 * count; the run's check then takes those plans instead of building each world a second time, and
 * says that it is planning once. The planner is replaced by one that counts the worlds it is given
 * and answers that each splits (what the plans hold is src/world/threads/'s to test), and the
 * machine is taken to have 2 cores, so that the default count splits on any machine.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../scenario/schema.ts';
import { runCommand } from './run.ts';

const planned = vi.hoisted(() => ({ worlds: 0 }));
vi.mock('../../world/threads/plan-thread.ts', () => ({
  planSplitsInThread(scenarios: readonly Scenario[]) {
    planned.worlds += scenarios.length;
    return Promise.resolve(scenarios.map(() => ({ assignment: [], lookaheadUs: 1_000 })));
  },
}));
vi.mock('../../runner/executor.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../runner/executor.ts')>()), defaultWorkerCount: () => 2 }));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the default thread count of a sweep whose points have a device attack', () => {
  it('plans each point once and says so once', async () => {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    // Three points of 36,000 to 43,200 devices: planning them is said beforehand (planningNote).
    const code = await runCommand({ scenario: 'scenarios/regional.yaml', vary: ['iomt.bedsPerWard=10..12'], set: ['attacks=[{type: replay, start: 5s, devices: [2, 3], delay: 2s}]'], workers: '1', dryRun: true });
    expect(code).toBe(0);
    expect(stderr).toContain('each replication split over 2 threads');
    expect(stderr.match(/planning the split over 2 threads/g)).toHaveLength(1);
    expect(planned.worlds).toBe(3);
  });
});
