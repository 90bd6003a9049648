/**
 * Executing a committed transaction is work on every replica (state machine replication, Castro &
 * Liskov 1999, §4.1): each protocol charges what its application reports (executionCostUs) to the
 * replica that executed it, and an application that reports nothing (synthetic load) costs nothing.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRYPTO_COSTS, ZERO_CRYPTO_COSTS, type CryptoCosts } from '../ledger/crypto.ts';
import { executionCostUs, STATE_ACCESS_US, type ExecutionWork } from './execution-work.ts';
import { hotstuff } from './hotstuff/index.ts';
import { pbft } from './pbft/index.ts';
import { poa } from './poa/index.ts';
import { raft } from './raft/index.ts';
import { TestCluster, type ClusterOptions } from './testing/cluster.ts';
import type { ReplicatedApplication } from './types.ts';

const TXS = 5;
const WORK: ExecutionWork = { hashes: 2, hashedBytes: 2048, stateAccesses: 3 };
const COSTS: CryptoCosts = { ...ZERO_CRYPTO_COSTS, hashUs: 1, hashPerKiBUs: 4 };

/** An application that reports WORK for every transaction it executes (or nothing, `reports` false). */
function app(reports: boolean): ReplicatedApplication {
  return { execute: () => (reports ? WORK : undefined), stateDigest: () => '' };
}

interface Case {
  readonly name: string;
  readonly options: Omit<ClusterOptions, 'crypto' | 'application'>;
  /** Submit TXS transactions and run until every replica has executed them. */
  readonly drive: (c: TestCluster) => void;
}

const CASES: readonly Case[] = [
  {
    name: 'PBFT',
    options: { module: pbft, n: 4, latencyUs: { kind: 'fixed', value: 1_000 }, batchSize: TXS },
    drive: (c) => {
      for (let k = 0; k < TXS; k++) c.submitAt(0, [0]);
      c.run(1_000_000);
    },
  },
  {
    name: 'HotStuff',
    options: { module: hotstuff, n: 4, latencyUs: { kind: 'fixed', value: 10_000 }, params: { forwardMax: 0 }, batchSize: TXS },
    drive: (c) => {
      for (let k = 0; k < TXS; k++) c.submitAt(100_001, [1]);
      c.run(1_000_000);
    },
  },
  {
    name: 'Raft',
    options: {
      module: raft, n: 3, latencyUs: { kind: 'fixed', value: 10_000 }, batchSize: TXS,
      params: { electionTimeoutMin: 2_000_000, electionTimeoutMax: 4_000_000, heartbeatInterval: 1_000_000 },
    },
    drive: (c) => {
      c.run(10_000_000);
      const leader = c.leaders.at(-1)!.leader;
      const t0 = c.engine.nowUs + 1;
      for (let k = 0; k < TXS; k++) c.submitAt(t0, [leader]);
      c.run(t0 + 2_000_000);
    },
  },
  {
    name: 'Clique (PoA)',
    options: { module: poa, n: 4, latencyUs: { kind: 'fixed', value: 10_000 }, params: { period: 1_000_000 }, batchSize: TXS },
    drive: (c) => {
      for (let k = 0; k < TXS; k++) c.submitAt(500_000, [3]);
      c.run(10_000_000);
    },
  },
];

/** Each replica's busy time after executing TXS transactions against `app(reports)`. */
function busy(k: Case, reports: boolean): number[] {
  const c = new TestCluster({ ...k.options, crypto: COSTS, application: () => app(reports) });
  k.drive(c);
  return Array.from({ length: k.options.n }, (_, i) => {
    expect(c.committedTxIds(i)).toHaveLength(TXS);
    return c.engine.cpuBusyUs(i);
  });
}

describe('executionCostUs', () => {
  it('prices hashes at the cost table (fixed plus per KiB) and state accesses at STATE_ACCESS_US', () => {
    expect(executionCostUs(COSTS, WORK)).toBe(2 * 1 + 2 * 4 + 3 * STATE_ACCESS_US);
    expect(executionCostUs(DEFAULT_CRYPTO_COSTS, { hashes: 1, hashedBytes: 100, stateAccesses: 0 })).toBeCloseTo(DEFAULT_CRYPTO_COSTS.hashUs + (DEFAULT_CRYPTO_COSTS.hashPerKiBUs * 100) / 1024);
    expect(executionCostUs(COSTS, undefined)).toBe(0);
  });
});

describe.each(CASES)('$name charges execution', (k) => {
  it('to every replica, the work its application reports for each transaction', () => {
    const without = busy(k, false);
    const withWork = busy(k, true);
    for (let i = 0; i < k.options.n; i++) expect(withWork[i]! - without[i]!).toBeCloseTo(TXS * executionCostUs(COSTS, WORK), 6);
  });
});
