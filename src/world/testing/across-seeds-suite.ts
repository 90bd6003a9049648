/**
 * Test support: the run-model suite Raft and HotStuff share. Over 200 seeds with random delays and no
 * faults, every checker passes and every submitted request is confirmed to its client; and a seed
 * replays bit for bit. Called from a protocol's run-model.test.ts with its own scenario; a protocol
 * with its own across-seeds checks (PoA) uses the replay test alone.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario/index.ts';
import { runConsensusWorld } from './run.ts';
import { runAcrossSeeds } from './scenarios.ts';

export function describeAcrossSeeds(title: string, scenario: (nodes: number) => Scenario, nodeCounts: readonly number[]): void {
  describe(`${title} across 200 seeds through the run model`, () => {
    it('passes every checker and confirms every request', () => {
      for (const o of runAcrossSeeds(nodeCounts.map(scenario), 200)) {
        expect(o.failedChecks, `seed ${o.seed}`).toEqual([]);
        expect(o.submitted, `seed ${o.seed}`).toBeGreaterThan(100);
        expect(o.confirmed, `seed ${o.seed}`).toBe(o.submitted);
      }
    });

    itReplaysBitForBit(scenario(5));
  });
}

/** The same seed gives the same trace hash and metrics; another seed another trace. */
export function itReplaysBitForBit(scenario: Scenario): void {
  it('replays bit for bit: the same seed gives the same trace hash and metrics', () => {
    const a = runConsensusWorld(scenario, 42);
    const b = runConsensusWorld(scenario, 42);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.metrics).toEqual(a.metrics);
    expect(runConsensusWorld(scenario, 43).traceHash).not.toBe(a.traceHash);
  });
}
