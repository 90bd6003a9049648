/** `crypto: real` runs PBFT with actual Ed25519 signatures and SHA-256 digests end to end. */
import { describe, expect, it } from 'vitest';
import { consensusScenario } from '../../testing/scenarios.ts';
import { runConsensusWorld } from '../../testing/run.ts';

describe('PBFT with real cryptography', () => {
  it('commits and confirms with Ed25519 signatures, as the symbolic model does', () => {
    const input = {
      duration: '2s',
      network: { latency: { kind: 'fixed' as const, value: '5ms' } },
      consensus: { batchSize: 5, batchTimeout: '20ms' },
      workload: { clients: 1, rateTps: 50, arrival: 'periodic' as const, stopAfter: '1500ms' },
    };
    const real = runConsensusWorld(consensusScenario({ ...input, consensus: { ...input.consensus, crypto: 'real' } }), 1);
    const symbolic = runConsensusWorld(consensusScenario(input), 1);
    expect(real.checks.filter((c) => !c.passed)).toEqual([]);
    expect(real.metrics['consensus.confirmed_txs']!.value).toBe(74);
    // Same costs are charged either way, so the runs are identical event for event.
    expect(real.traceHash).toBe(symbolic.traceHash);
  });
});
