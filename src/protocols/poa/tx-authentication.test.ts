/**
 * Clique signers check each transaction once (src/ledger/tx-authentication.ts): at admission, from
 * the client or relayed by the signer that took it, and not again when a sealed block carries it;
 * one whose relay never reached a signer is checked there in the block.
 * Seals are verified at verifyUs too, so the checks are read apart: they are the only parallel
 * batches, and busy time is serial work plus exactly checks · verifyUs.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import type { TxAuth } from '../../ledger/tx-authentication.ts';
import { TestCluster } from '../testing/cluster.ts';
import { expectEachChecksOnArrival, expectNoTxChecks, spiedProtocol } from '../testing/cpu-spy.ts';
import { poa } from './index.ts';

const N = 4;
const TXS = 5;
const VERIFY_US = 90;
const PERIOD_US = 1_000_000;

function run(txAuth: TxAuth, dropWhen?: (from: number, to: number, msg: unknown) => boolean) {
  const spied = spiedProtocol(poa, txAuth);
  const cluster = new TestCluster({
    module: spied.protocol, n: N, latencyUs: { kind: 'fixed', value: 10_000 }, params: { period: PERIOD_US }, ...(dropWhen === undefined ? {} : { dropWhen }),
    crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US }, batchSize: TXS,
  });
  for (let k = 0; k < TXS; k++) cluster.submitAt(PERIOD_US / 2, [3]);
  cluster.run(10 * PERIOD_US);
  for (let i = 0; i < N; i++) expect(cluster.committedTxIds(i)).toHaveLength(TXS);
  return { cluster, logs: spied.logs };
}

describe('Clique transaction checks', () => {
  it('checks each transaction once per signer, at admission, and not again in the sealed block', () => {
    const { cluster, logs } = run('signature');
    expectEachChecksOnArrival((i) => cluster.engine.cpuBusyUs(i), logs, N, TXS, VERIFY_US);
  });

  it('checks in the sealed block, as one parallel batch, the transactions a signer never admitted (their relay to it lost)', () => {
    const OUT_OF_RELAY = 1;
    const { cluster, logs } = run('signature', (_from, to, msg) => to === OUT_OF_RELAY && (msg as { kind: string }).kind === 'poa-tx');
    expect(logs[OUT_OF_RELAY]!.parallel).toEqual([{ jobs: TXS, costUsEach: VERIFY_US }]);
    expect(cluster.engine.cpuBusyUs(OUT_OF_RELAY)).toBe(logs[OUT_OF_RELAY]!.serialUs + TXS * VERIFY_US);
  });

  it('charges nothing for transactions with txAuth none', () => {
    const { cluster, logs } = run('none');
    expectNoTxChecks((i) => cluster.engine.cpuBusyUs(i), logs, N);
  });
});
