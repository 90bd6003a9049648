/**
 * Proof-of-authority (Clique) benchmark: 7 signers, 2 s period, 20 tx/s for 5 simulated minutes
 * (scenarios/poa.yaml); its metrics include poa.fork_rate and poa.stale_blocks. Importing runs nothing.
 */
import { measure, type ProtocolBenchResult } from './hotstuff.ts';
import type { BenchEntry } from './registry.ts';
import { scenarioEntry } from './scenario-entry.ts';

export const poaN7Entry: BenchEntry = scenarioEntry({
  name: 'consensus.poa_n7_5m',
  description: 'Clique PoA n=7, 2 s period, 20 tx/s, 5 simulated min (scenarios/poa.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/poa.yaml',
});

export function runPoaBench(sets: readonly string[] = [], seed = 1): Promise<ProtocolBenchResult> {
  return measure(sets.length === 0 && seed === 1 ? poaN7Entry : scenarioEntry({ name: 'consensus.poa_custom', description: 'PoA with overrides', suites: ['full'], scenarioFile: 'scenarios/poa.yaml', sets, seed }));
}
