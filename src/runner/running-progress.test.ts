import { describe, expect, it } from 'vitest';
import { boardWatch } from './size-early-stop.ts';
import { progressIntervalUs, RunningProgress } from './running-progress.ts';
import type { ReplicationTask } from './types.ts';

const task = (durationUs: number): ReplicationTask => ({ point: 0, replication: 0, seed: 1, scenario: { duration: durationUs } as ReplicationTask['scenario'] });

describe('running replications’ progress', () => {
  it('sums the simulated time each running replication posts, until it ends', () => {
    const progress = new RunningProgress(2);
    const watches = [0, 1].map((row) => boardWatch(progress.watched(task(3_600_000_000), row).watch!));
    watches[0]!.onInterim({ simulatedUs: 36_000_000, metrics: {} });
    watches[1]!.onInterim({ simulatedUs: 72_000_000, metrics: {} });
    expect(progress.runningUs()).toBe(108_000_000);
    progress.ended(0);
    expect(progress.runningUs()).toBe(72_000_000);
  });

  it('posts about a hundred times per replication, at most once per simulated second', () => {
    expect(progressIntervalUs(3_600_000_000)).toBe(36_000_000);
    expect(progressIntervalUs(10_000_000)).toBe(1_000_000);
  });
});
