/**
 * A proof-of-work node checks each submitted transaction once (src/ledger/tx-authentication.ts): at
 * mempool acceptance, from the client or gossiped by a peer, and not again when a block carries it
 * (Bitcoin Core's signature cache); one whose gossip never reached a node is checked there in the
 * block (ConnectBlock). Block processing is the only other cost, so busy time is
 * serial work plus exactly checks · verifyUs.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import type { TxAuth } from '../../ledger/tx-authentication.ts';
import { TestCluster } from '../testing/cluster.ts';
import { expectEachChecksOnArrival, expectNoTxChecks, spiedProtocol } from '../testing/cpu-spy.ts';
import { pow } from './index.ts';

const N = 4;
const TXS = 5;
const VERIFY_US = 90;

function run(txAuth: TxAuth, dropWhen?: (from: number, to: number, msg: unknown) => boolean) {
  const spied = spiedProtocol(pow, txAuth);
  const cluster = new TestCluster({
    module: spied.protocol, n: N, latencyUs: { kind: 'fixed', value: 10_000 }, params: { blockInterval: 1_000_000, confirmations: 1 }, ...(dropWhen === undefined ? {} : { dropWhen }),
    crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US },
  });
  for (let k = 0; k < TXS; k++) cluster.submitAt(1_000, [0]);
  cluster.run(30_000_000);
  for (let i = 0; i < N; i++) expect(cluster.committedTxIds(i)).toHaveLength(TXS);
  return { cluster, logs: spied.logs };
}

describe('proof-of-work transaction checks', () => {
  it('checks each transaction once per node, at mempool acceptance, and not again in the block', () => {
    const { cluster, logs } = run('signature');
    expectEachChecksOnArrival((i) => cluster.engine.cpuBusyUs(i), logs, N, TXS, VERIFY_US);
  });

  it('checks in the block, as one parallel batch, the transactions a node never accepted into its pool (their gossip to it lost)', () => {
    const OUT_OF_GOSSIP = 1;
    const { cluster, logs } = run('signature', (_from, to, msg) => to === OUT_OF_GOSSIP && (msg as { kind: string }).kind === 'request');
    expect(logs[OUT_OF_GOSSIP]!.parallel).toEqual([{ jobs: TXS, costUsEach: VERIFY_US }]);
    expect(cluster.engine.cpuBusyUs(OUT_OF_GOSSIP)).toBe(logs[OUT_OF_GOSSIP]!.serialUs + TXS * VERIFY_US);
  });

  it('charges nothing for transactions with txAuth none', () => {
    const { cluster, logs } = run('none');
    expectNoTxChecks((i) => cluster.engine.cpuBusyUs(i), logs, N);
  });
});
