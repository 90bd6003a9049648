/**
 * consensus.replica_lag_ms on whole runs, against the replicas' commits recorded by an observer and
 * taken through the metric's definition directly (every height, every honest replica, no pruning).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CommitEvent } from '../protocols/types.ts';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));

/** The run's metric and the lag recomputed from every commit of replicas 0..n−1, ms. */
function lagOf(name: string, sets: readonly string[]): { metricMs: number; recomputedMs: number; heights: number[] } {
  const { scenario } = loadScenario(scenarioFile(name), sets);
  const n = scenario.consensus.nodes;
  const commitUs: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const observer = (host: HostId, e: ModelEvent, t: number) => {
    if (e.kind === 'commit' && host < n) commitUs[host]!.set((e as CommitEvent).block.height, t);
  };
  const { metrics } = runConsensusWorld(scenario, scenario.seed, { observers: [observer] });
  const heights = new Set<number>();
  for (const m of commitUs) for (const h of m.keys()) heights.add(h);
  let lagUs = 0;
  for (const h of heights) {
    const first = Math.min(...commitUs.map((m) => m.get(h) ?? Infinity));
    if (first < scenario.warmup) continue;
    for (const m of commitUs) lagUs = Math.max(lagUs, (m.get(h) ?? scenario.duration) - first);
  }
  return { metricMs: metrics['consensus.replica_lag_ms']!.value, recomputedMs: lagUs / 1000, heights: commitUs.map((m) => m.size) };
}

describe('replica lag of a consensus run', () => {
  it('shows the crashed primary trailing from the first block it missed to the end', () => {
    const { metricMs, recomputedMs, heights } = lagOf('pbft-crash.yaml', []);
    expect(heights[0]).toBeLessThan(heights[1]!);
    expect(metricMs).toBe(recomputedMs);
    expect(metricMs).toBeGreaterThan(30_000);
  });

  it('stays at the replicas\' few milliseconds of spread once a partition heals: every PBFT replica keeps up', () => {
    const { metricMs, recomputedMs, heights } = lagOf('pbft-partition.yaml', []);
    expect(new Set(heights).size).toBe(1);
    expect(metricMs).toBe(recomputedMs);
    expect(metricMs).toBeLessThan(100);
  });

  it('is the replicas\' few milliseconds of spread on a healthy consortium', () => {
    const { metricMs, recomputedMs, heights } = lagOf('consortium.yaml', ['duration=20s']);
    expect(new Set(heights).size).toBe(1);
    expect(metricMs).toBe(recomputedMs);
    expect(metricMs).toBeLessThan(100);
  });
});
