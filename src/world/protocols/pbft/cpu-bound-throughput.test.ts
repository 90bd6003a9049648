/**
 * The closed form of a CPU-bound replica: with per-transaction verification v µs on c cores and
 * everything else free, a saturated PBFT replica checks each batch of b transactions in
 * ⌈b/c⌉·v µs (src/ledger/tx-authentication.ts, one fork-join per batch), so with c dividing b it
 * commits c·10⁶/v transactions per second.
 */
import { describe, expect, it } from 'vitest';
import type { HostId, ModelEvent } from '../../../../sim/index.ts';
import { ZERO_CRYPTO_COSTS } from '../../../ledger/crypto.ts';
import type { CommitEvent } from '../../../protocols/types.ts';
import { runConsensusWorld } from '../../testing/run.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const VERIFY_US = 100;
const BATCH = 100;
const WARM_UP_US = 300_000;
const END_US = 1_300_000;

/** Transactions per second committed at replica 1 after the warm-up, with c cores, offered twice c·10⁶/v. */
function committedTps(cores: number): number {
  const capacityTps = (cores * 1e6) / VERIFY_US;
  const scenario = consensusScenario({
    duration: `${END_US}us`,
    network: { latency: { kind: 'fixed', value: '1ms' }, upload: '1e15bps', download: '1e15bps' },
    consensus: {
      nodes: 4, cores, batchSize: BATCH, batchTimeout: '10ms', cryptoCosts: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US },
      pbft: { checkpointInterval: 50, logWindow: 200 },
    },
    // No retransmissions inside the run: the offered load stays what it is.
    workload: { clients: 4, arrival: 'periodic', rateTps: 2 * capacityTps, requestTimeout: '60s' },
  });
  let txs = 0;
  const observer = (host: HostId, e: ModelEvent, timeUs: number) => {
    if (e.kind === 'commit' && host === 1 && timeUs > WARM_UP_US) txs += (e as CommitEvent).block.txs.length;
  };
  runConsensusWorld(scenario, 1, { observers: [observer] });
  return txs / ((END_US - WARM_UP_US) / 1e6);
}

describe('a CPU-bound PBFT replica', () => {
  it.each([1, 4])('commits c·10⁶/v transactions per second with c = %i core(s) and v = 100 µs (within 2 %)', (cores) => {
    const expected = (cores * 1e6) / VERIFY_US;
    const tps = committedTps(cores);
    expect(Math.abs(tps - expected) / expected).toBeLessThan(0.02);
  });
});
