/**
 * Clique at EIP-225's 15 s period: the first commit waits for the block that takes the first
 * transaction and its ⌊N/2⌋ + 1 confirmations, longer than the 30 s default bound, so the bound
 * checked is the protocol's own. The largest gap seen must fall between the two: above 30 s (else
 * the derived bound is not needed) and within the derived bound (else it is too tight).
 */
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../../../sim/index.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const scenario = (livenessBound?: string) =>
  consensusScenario({
    duration: '150s',
    network: { latency: { kind: 'exponential', mean: '30ms', shift: '5ms' } },
    consensus: { protocol: 'poa', nodes: 4, ...(livenessBound === undefined ? {} : { livenessBound }), poa: { period: '15s' } },
    workload: { clients: 1, rateTps: 1, requestTimeout: '120s' },
  });

describe("Clique's liveness bound at a 15 s period", () => {
  it('passes a fault-free run whose longest wait for a commit exceeds 30 s', () => {
    let firstSubmitUs = -1;
    let firstCommitUs = -1;
    const watch = (_h: number, e: ModelEvent, t: number) => {
      if (e.kind === 'submit' && firstSubmitUs < 0) firstSubmitUs = t;
      if (e.kind === 'commit' && firstCommitUs < 0) firstCommitUs = t;
    };
    const out = runConsensusWorld(scenario(), 1, { observers: [watch] });
    expect(firstCommitUs - firstSubmitUs).toBeGreaterThan(30_000_000);
    expect(firstCommitUs - firstSubmitUs).toBeLessThanOrEqual(82_500_000);
    expect(out.checks.find((c) => c.name === 'liveness')!.passed).toBe(true);
    expect(out.metrics['liveness.violations']!.value).toBe(0);
  });

  it('fails the same run held to a 30 s bound', () => {
    const out = runConsensusWorld(scenario('30s'), 1);
    expect(out.checks.find((c) => c.name === 'liveness')!.passed).toBe(false);
  });
});
