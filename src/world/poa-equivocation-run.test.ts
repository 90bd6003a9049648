/**
 * The PoA collector under equivocating signers: each face of an equivocating signer seals real
 * blocks that honest signers build on, so the collector's main chain must grow as the honest
 * signers' chains do, not stop at the first block built on a block it never saw.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CommitEvent } from '../protocols/types.ts';
import { runConsensusWorld } from './testing/run.ts';
import { consensusScenario } from './testing/scenarios.ts';

const BYZANTINE = [0, 1, 2];

describe('PoA metrics under equivocation (3 equivocating signers of 7)', () => {
  it("keep the collector's canonical chain growing with the honest signers' committed chain", () => {
    const scenario = consensusScenario({
      duration: '90s',
      warmup: '0s',
      network: { latency: { kind: 'normal', mean: '50ms', sd: '20ms', min: '4ms' } },
      consensus: { protocol: 'poa', nodes: 7, batchSize: 1000, poa: { period: '2s', wiggle: '500ms', confirmations: 0 } },
      workload: { rateTps: 20, clients: 4 },
      attacks: [{ type: 'equivocation', start: '20s', replicas: BYZANTINE }],
    } as never);
    let replicaHosts: readonly HostId[] = [];
    let honestHeight = 0;
    const observer = (host: HostId, e: ModelEvent): void => {
      const i = replicaHosts.indexOf(host);
      if (e.kind === 'commit' && i >= 0 && !BYZANTINE.includes(i)) honestHeight = Math.max(honestHeight, (e as CommitEvent).block.height);
    };
    const out = runConsensusWorld(scenario, 1, { observers: [observer], setup: (w) => { replicaHosts = w.replicaHosts; } });
    expect(honestHeight).toBeGreaterThan(35);
    // A reorg near the end may leave the collector's best head a block or two from a replica's.
    expect(out.metrics['poa.blocks']!.value).toBeGreaterThanOrEqual(honestHeight - 2);
  });
});
