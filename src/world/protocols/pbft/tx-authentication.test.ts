/**
 * PBFT checks each transaction once per replica (src/ledger/tx-authentication.ts): the primary when
 * a request arrives, a backup in the pre-prepare's batch, or at its own admission when the client
 * rebroadcast the request to it first. With every other cost free (MAC authenticators, hashes), a
 * replica's CPU busy time is exactly (transactions it checked) · verifyUs.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../../ledger/crypto.ts';
import type { TxAuth } from '../../../ledger/tx-authentication.ts';
import { pbft } from '../../../protocols/pbft/index.ts';
import { checkedTxs, spiedProtocol } from '../../../protocols/testing/cpu-spy.ts';
import { assembleWorld } from '../../assemble.ts';
import { consensusConfiguration } from '../../consensus.ts';
import { consensusScenario } from '../../testing/scenarios.ts';

const TXS = 10;
const BATCH = 5;
const VERIFY_US = 90;

function run(txAuth: TxAuth, requestTimeout: string) {
  const scenario = consensusScenario({
    duration: '2s',
    network: { latency: { kind: 'fixed', value: '10ms' }, upload: '1e15bps', download: '1e15bps' },
    consensus: { nodes: 4, batchSize: BATCH, cryptoCosts: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US } },
    // TXS requests in 10 ms, so the primary cuts two full batches.
    workload: { clients: 1, arrival: 'periodic', rateTps: 1_000, stopAfter: `${TXS + 0.5}ms`, requestTimeout },
  });
  const spied = spiedProtocol(pbft, txAuth);
  const world = assembleWorld(scenario, consensusConfiguration(scenario, 1, { protocol: spied.protocol }));
  const out = world.run();
  expect(out.metrics['consensus.confirmed_txs']!.value).toBe(TXS);
  return { busyUs: world.consortium.replicaHosts.map((h) => world.engine.cpuBusyUs(h)), logs: spied.logs };
}

describe('PBFT transaction checks', () => {
  it('charges each replica exactly TXS · verifyUs: the primary at admission, the backups per pre-prepared batch', () => {
    const { busyUs, logs } = run('signature', '2s');
    for (let i = 0; i < 4; i++) {
      expect(busyUs[i]).toBe(TXS * VERIFY_US);
      expect(checkedTxs(logs[i]!)).toBe(TXS);
      const perCall = i === 0 ? 1 : BATCH;
      expect(logs[i]!.parallel).toEqual(Array(TXS / perCall).fill({ jobs: perCall, costUsEach: VERIFY_US }));
    }
  });

  it('does not check again, in the pre-prepare, a request a backup admitted itself', () => {
    // A 1 ms request timeout rebroadcasts every request to the backups before the pre-prepare arrives.
    const { busyUs, logs } = run('signature', '1ms');
    for (let i = 0; i < 4; i++) {
      expect(busyUs[i]).toBe(TXS * VERIFY_US);
      expect(logs[i]!.parallel).toEqual(Array(TXS).fill({ jobs: 1, costUsEach: VERIFY_US }));
    }
  });

  it('charges nothing with txAuth none', () => {
    const { busyUs, logs } = run('none', '2s');
    for (let i = 0; i < 4; i++) {
      expect(busyUs[i]).toBe(0);
      expect(logs[i]!.parallel).toEqual([]);
    }
  });
});
