import { describe, expect, it } from 'vitest';
import { cpuUtilizationMetrics } from './cpu-utilization.ts';

const value = (m: ReturnType<typeof cpuUtilizationMetrics>, name: string) => m[name]!.value;

describe('cpuUtilizationMetrics', () => {
  // Two replicas of two cores over a 1 s window: the primary's protocol core is saturated.
  const m = cpuUtilizationMetrics([[1_000_000, 600_000], [400_000, 200_000]], 1_000_000);

  it('averages busy time over every core of every replica', () => {
    expect(value(m, 'node.cpu_utilization')).toBeCloseTo(2_200_000 / 4_000_000, 12);
  });

  it('reports the busiest replica over its own cores', () => {
    expect(value(m, 'node.cpu_utilization_max')).toBeCloseTo(0.8, 12);
  });

  it('reports the busiest and the least busy single core', () => {
    expect([value(m, 'node.cpu_utilization_core_max'), value(m, 'node.cpu_utilization_core_min')]).toEqual([1, 0.2]);
  });

  it('reports an idle core as the least busy, at 0', () => {
    const idle = cpuUtilizationMetrics([[500_000, 0], [300_000, 100_000]], 1_000_000);
    expect(value(idle, 'node.cpu_utilization_core_min')).toBe(0);
  });

  it('reports zero for a world without replicas', () => {
    expect(Object.values(cpuUtilizationMetrics([], 1_000_000)).map((v) => v.value)).toEqual([0, 0, 0, 0]);
  });
});
