/**
 * Raft checks each transaction once per replica (src/ledger/tx-authentication.ts): the leader when it
 * cuts the entry (the admission checks of the requests it received, across the cores), a follower
 * in the AppendEntries that brings it. With every other cost free, a replica's CPU busy time is
 * exactly (transactions it checked) · verifyUs.
 */
import { describe, expect, it } from 'vitest';
import { ZERO_CRYPTO_COSTS } from '../../ledger/crypto.ts';
import type { TxAuth } from '../../ledger/tx-authentication.ts';
import { TestCluster } from '../testing/cluster.ts';
import { checkedTxs, spiedProtocol } from '../testing/cpu-spy.ts';
import { raft } from './index.ts';

const N = 3;
const TXS = 5;
const VERIFY_US = 90;
const DELTA_US = 10_000;
const TIMERS = { electionTimeoutMin: 2_000_000, electionTimeoutMax: 4_000_000, heartbeatInterval: 1_000_000 };

/** An elected cluster that then receives TXS transactions at once, at the replicas `to` picks. */
function run(txAuth: TxAuth, to: (leader: number) => number[]) {
  const spied = spiedProtocol(raft, txAuth);
  const cluster = new TestCluster({
    module: spied.protocol, n: N, latencyUs: { kind: 'fixed', value: DELTA_US }, params: TIMERS,
    crypto: { ...ZERO_CRYPTO_COSTS, verifyUs: VERIFY_US }, batchSize: TXS,
  });
  cluster.run(10_000_000);
  const leader = cluster.leaders.at(-1)!.leader;
  const t0 = cluster.engine.nowUs + 1;
  for (let k = 0; k < TXS; k++) cluster.submitAt(t0, to(leader));
  // Long enough for a heartbeat to tell the followers the entry committed.
  cluster.run(t0 + 2 * TIMERS.heartbeatInterval);
  for (let i = 0; i < N; i++) expect(cluster.committedTxIds(i)).toHaveLength(TXS);
  return { cluster, leader, logs: spied.logs };
}

describe('Raft transaction checks', () => {
  it('charges each replica exactly TXS · verifyUs, as one parallel batch: the leader cutting the entry, the followers receiving it', () => {
    const { cluster, logs } = run('signature', (l) => [l]);
    for (let i = 0; i < N; i++) {
      expect(cluster.engine.cpuBusyUs(i)).toBe(TXS * VERIFY_US);
      expect(checkedTxs(logs[i]!)).toBe(TXS);
      expect(logs[i]!.parallel).toEqual([{ jobs: TXS, costUsEach: VERIFY_US }]);
    }
  });

  it('checks each transaction once per replica when every replica received it and followers forwarded it', () => {
    const { cluster, logs } = run('signature', () => [0, 1, 2]);
    for (let i = 0; i < N; i++) {
      expect(cluster.engine.cpuBusyUs(i)).toBe(TXS * VERIFY_US);
      expect(checkedTxs(logs[i]!)).toBe(TXS);
    }
  });

  it('charges nothing with txAuth none', () => {
    const { cluster, logs } = run('none', (l) => [l]);
    for (let i = 0; i < N; i++) {
      expect(cluster.engine.cpuBusyUs(i)).toBe(0);
      expect(logs[i]!.parallel).toEqual([]);
    }
  });
});
