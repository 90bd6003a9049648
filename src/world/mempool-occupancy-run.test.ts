/**
 * mempool.occupancy_txs is sampled at the proposer as it cuts a batch, before taking the batch out
 * (consensus-collector.ts). With one request at a time on the ideal network of
 * scenarios/validation/pbft-ideal.yaml (requests a second apart, each committed within 50 ms), the
 * PBFT or Raft proposer holds exactly the one request whenever it cuts: every sample is 1.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/index.ts';
import { runConsensusWorld } from './testing/run.ts';

const ideal = fileURLToPath(new URL('../../scenarios/validation/pbft-ideal.yaml', import.meta.url));

describe('mempool occupancy', () => {
  it.each(['pbft', 'raft'])('is the one waiting request at each cut for %s, one request at a time', (protocol) => {
    const { scenario } = loadScenario(ideal, ['duration=8s', 'warmup=2.5s', 'workload.stopAfter=6.5s', `consensus.protocol=${protocol}`]);
    const m = runConsensusWorld(scenario, scenario.seed).metrics;
    expect(m['consensus.committed_txs']!.value).toBe(4);
    expect(m['mempool.occupancy_txs.mean']!.value).toBe(1);
    expect(m['mempool.occupancy_txs.max']!.value).toBe(1);
  });

  // Proposers that cut whether or not anything waits are sampled at every cut, empty ones included,
  // so the mean is the requests in the window over the cuts in it. The window is (2.51 s, 8 s),
  // clear of any cut; requests are submitted at whole seconds, those of 3, 4, 5 and 6 s in it.
  it.each([
    // Chained HotStuff on the ideal network: a view takes 2δ = 20 ms (the proposal reaches the
    // replicas, their votes the next leader, which proposes on the QC; §4.4), so a leader proposes
    // at every multiple of 20 ms: 2.52 s … 7.98 s, 274 proposals.
    { protocol: 'hotstuff', overrides: [], cuts: 274 },
    // Clique with a 500 ms period: the in-turn signer seals at every multiple of the period, empty
    // blocks included (EIP-225): 3.0 s … 7.5 s, 10 seals.
    { protocol: 'poa', overrides: ['consensus.poa.period=500ms'], cuts: 10 },
  ])('samples every cut for $protocol, empty ones included: the 4 requests over $cuts cuts', ({ protocol, overrides, cuts }) => {
    const { scenario } = loadScenario(ideal, ['duration=8s', 'warmup=2.51s', 'workload.stopAfter=6.5s', `consensus.protocol=${protocol}`, ...overrides]);
    const m = runConsensusWorld(scenario, scenario.seed).metrics;
    expect(m['mempool.occupancy_txs.mean']!.value).toBe(4 / cuts);
    expect(m['mempool.occupancy_txs.max']!.value).toBe(1);
  });
});
