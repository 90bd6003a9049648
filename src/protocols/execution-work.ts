/**
 * The processing work of executing one committed transaction against a replica's application, and
 * what it costs in virtual time. Every replica executes every committed transaction (state machine
 * replication, Castro & Liskov 1999, §4.1; ABCI's DeliverTx), so every replica pays this, charged
 * through its own `ctx.cpu` where it executes (docs/architecture.md, "Crypto" and "Contracts").
 */
import type { CryptoCosts } from '../ledger/crypto.ts';

export interface ExecutionWork {
  /** SHA-256 invocations the call made (hash chains, derived tokens). */
  readonly hashes: number;
  /** Bytes those invocations hashed, all together. */
  readonly hashedBytes: number;
  /** Reads and writes of keys in the replica's state store. */
  readonly stateAccesses: number;
}

/**
 * Processor time of one access to the replica's state store: a random lookup or an update in it.
 * LevelDB (Fabric's and CometBFT's default state database) reports 5–17 µs per random read with
 * its working set in memory (github.com/google/leveldb README, "Read performance"); 10 µs is the
 * middle of that range, and its writes, sequential in the log, cost no more.
 */
export const STATE_ACCESS_US = 10;

/**
 * Virtual µs of `work`: each hash at the cost table's rate (the fixed cost per invocation plus
 * one per KiB hashed), each state access at STATE_ACCESS_US. An application that reports nothing (a
 * synthetic one that only records the order) costs nothing.
 */
export function executionCostUs(costs: CryptoCosts, work: ExecutionWork | void): number {
  if (work === undefined) return 0;
  // The sum of hashCostUs (src/ledger/crypto.ts) over the invocations.
  return work.hashes * costs.hashUs + (costs.hashPerKiBUs * work.hashedBytes) / 1024 + work.stateAccesses * STATE_ACCESS_US;
}
