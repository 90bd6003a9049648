/**
 * Consensus entries: PBFT n=16, Raft n=5, chained HotStuff n=64 and Clique PoA n=7, each from the
 * repository's scenario through the runner's model. Short variants go in `quick`; the minute-long
 * and ten-minute ones in `full`.
 */
import { scenarioEntry, selectedMetrics } from './scenario-entry.ts';

const SHORT = ['duration=10s', 'warmup=2s'];
const MINUTE = ['duration=60s', 'warmup=5s'];

/** The PBFT golden files hold these metrics and the trace hash (not every metric). */
const PBFT_GOLDEN = selectedMetrics([
  'consensus.throughput_tps', 'consensus.commit_latency_ms.p50', 'consensus.commit_latency_ms.p99',
  'consensus.client_latency_ms.p99', 'consensus.messages_per_decision', 'consensus.decisions_per_sec',
  'safety.violations', 'liveness.violations', 'validity.violations',
]);

export const pbftN16ShortEntry = scenarioEntry({
  name: 'consensus.pbft_n16_10s',
  description: 'PBFT n=16, 1000 tx/s, 10 simulated s (scenarios/pbft.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/pbft.yaml',
  sets: SHORT,
  goldenMetrics: PBFT_GOLDEN,
});

export const pbftN16MinuteEntry = scenarioEntry({
  name: 'consensus.pbft_n16_60s',
  description: 'PBFT n=16, 1000 tx/s, 60 simulated s (scenarios/pbft.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/pbft.yaml',
  sets: MINUTE,
  goldenMetrics: PBFT_GOLDEN,
});

export const raftN5MinuteEntry = scenarioEntry({
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

export const hotstuffN64TenMinutesEntry = scenarioEntry({
  name: 'consensus.hotstuff_n64_10m',
  description: 'chained HotStuff n=64, 1000 tx/s, 10 simulated min (scenarios/hotstuff.yaml)',
  suites: ['full'],
  scenarioFile: 'scenarios/hotstuff.yaml',
});

/** Its metrics include poa.fork_rate and poa.stale_blocks. */
export const poaN7Entry = scenarioEntry({
  name: 'consensus.poa_n7_5m',
  description: 'Clique PoA n=7, 2 s period, 20 tx/s, 5 simulated min (scenarios/poa.yaml)',
  suites: ['quick', 'full'],
  scenarioFile: 'scenarios/poa.yaml',
});
