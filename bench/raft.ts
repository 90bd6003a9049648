/** Raft benchmark: 5 replicas, 200 tx/s for 60 simulated s (scenarios/raft.yaml). Importing runs nothing. */
import { measure, type ProtocolBenchResult } from './hotstuff.ts';
import { scenarioEntry } from './scenario-entry.ts';

export function runRaftBench(sets: readonly string[] = [], seed = 1): Promise<ProtocolBenchResult> {
  return measure(scenarioEntry({ name: 'consensus.raft_n5', description: 'Raft n=5 (scenarios/raft.yaml)', suites: ['full'], scenarioFile: 'scenarios/raft.yaml', sets, seed }));
}
