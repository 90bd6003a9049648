/**
 * HotStuff checks each transaction once per replica (src/ledger/tx-authentication.ts): the leader
 * when it proposes the node (the admission checks of the requests it holds, across the cores), the
 * others in the first node that carries it.
 * Proposals, votes and QCs are verified at verifyUs too, so the transaction checks are read apart:
 * they are the only parallel batches, and busy time is serial work plus exactly checks · verifyUs.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import type { TxAuth } from '../../ledger/tx-authentication.ts';
import { TestCluster } from '../testing/cluster.ts';
import { checkedTxs, spiedProtocol } from '../testing/cpu-spy.ts';
import { hotstuff } from './index.ts';

const N = 4;
const TXS = 5;
const VERIFY_US = 90;
const DELTA_US = 10_000;

/**
 * TXS transactions sent at once to the replicas `to`. Replicas keep what they hold for their own
 * proposals (forwardMax 0), so a replica not sent them meets them first in a proposal.
 */
function run(txAuth: TxAuth, to: number[]) {
  const spied = spiedProtocol(hotstuff, txAuth);
  const cluster = new TestCluster({
    module: spied.protocol, n: N, latencyUs: { kind: 'fixed', value: DELTA_US }, params: { forwardMax: 0 },
    crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US }, batchSize: TXS,
  });
  for (let k = 0; k < TXS; k++) cluster.submitAt(100_001, to);
  cluster.run(1_000_000);
  for (let i = 0; i < N; i++) expect(cluster.committedTxIds(i)).toHaveLength(TXS);
  return { cluster, logs: spied.logs };
}

describe('HotStuff transaction checks', () => {
  it('checks each transaction once per replica, and its busy time holds exactly TXS · verifyUs of checks', () => {
    // Sent to replica 1 only: it checks them proposing its node, the others receiving it.
    const { cluster, logs } = run('signature', [1]);
    for (let i = 0; i < N; i++) {
      expect(checkedTxs(logs[i]!)).toBe(TXS);
      expect(cluster.engine.cpuBusyUs(i)).toBe(logs[i]!.serialUs + TXS * VERIFY_US);
      expect(logs[i]!.parallel).toEqual([{ jobs: TXS, costUsEach: VERIFY_US }]);
    }
  });

  it('checks each transaction once per replica when every replica received it', () => {
    const { logs } = run('signature', [0, 1, 2, 3]);
    for (let i = 0; i < N; i++) expect(checkedTxs(logs[i]!)).toBe(TXS);
  });

  it('charges nothing for transactions with txAuth none', () => {
    const { cluster, logs } = run('none', [1]);
    for (let i = 0; i < N; i++) {
      expect(logs[i]!.parallel).toEqual([]);
      expect(cluster.engine.cpuBusyUs(i)).toBe(logs[i]!.serialUs);
    }
  });
});
