/**
 * Consensus suite entries (issue 8): the repository's protocol scenarios at the sizes the issue
 * names, run through the runner's model. Short variants go in `quick`; the minute-long ones in
 * `full`. An area that writes its own entry for one of these names replaces the line here.
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

export const pbftN16ShortEntry = scenarioEntry({
  name: 'consensus.pbft_n16_10s',
  description: 'PBFT n=16, 1000 tx/s, 10 simulated s (scenarios/pbft.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/pbft.yaml',
  sets: SHORT,
});

export const hotstuffN64ShortEntry = scenarioEntry({
  name: 'consensus.hotstuff_n64_10s',
  description: 'chained HotStuff n=64, 1000 tx/s, 10 simulated s (scenarios/hotstuff.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/hotstuff.yaml',
  sets: SHORT,
});

export const pbftN16MinuteEntry = scenarioEntry({
  name: 'consensus.pbft_n16_60s',
  description: 'PBFT n=16, 1000 tx/s, 60 simulated s (scenarios/pbft.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/pbft.yaml',
  sets: MINUTE,
});

export const hotstuffN64MinuteEntry = scenarioEntry({
  name: 'consensus.hotstuff_n64_60s',
  description: 'chained HotStuff n=64, 1000 tx/s, 60 simulated s (scenarios/hotstuff.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/hotstuff.yaml',
  sets: MINUTE,
});
