/**
 * Consensus suite entries (issue 8) for Raft n=5 and HotStuff n=64, from the repository's scenarios
 * through the runner's model (PBFT comes from bench/pbft.ts, see area-entries.ts; PoA from
 * bench/poa.ts). Short variants go in `quick`; the minute-long ones in `full`.
 */
import { scenarioEntry } from './scenario-entry.ts';

const SHORT = ['duration=10s', 'warmup=2s'];
const MINUTE = ['duration=60s', 'warmup=5s'];

export const raftN5Entry = scenarioEntry({
  name: 'consensus.raft_n5_60s',
  description: 'Raft n=5, 200 tx/s, 60 simulated s (scenarios/raft.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/raft.yaml',
  sets: MINUTE,
});

export const hotstuffN64ShortEntry = scenarioEntry({
  name: 'consensus.hotstuff_n64_10s',
  description: 'chained HotStuff n=64, 1000 tx/s, 10 simulated s (scenarios/hotstuff.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/hotstuff.yaml',
  sets: SHORT,
});

export const hotstuffN64MinuteEntry = scenarioEntry({
  name: 'consensus.hotstuff_n64_60s',
  description: 'chained HotStuff n=64, 1000 tx/s, 60 simulated s (scenarios/hotstuff.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/hotstuff.yaml',
  sets: MINUTE,
});
