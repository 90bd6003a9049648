/**
 * mempool.occupancy_txs is sampled at the proposer as it cuts a batch, before taking the batch out
 * (consensus-collector.ts). With one request at a time on the ideal network of
 * scenarios/validation/pbft-ideal.yaml (requests a second apart, each committed within 50 ms), the
 * proposer holds exactly the one request whenever it cuts: every sample is 1.
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
});
