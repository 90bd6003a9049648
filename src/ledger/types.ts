/**
 * Ledger data shared by every protocol, the IoMT layer and the checkers. Plain data: blocks and
 * transactions cross no thread boundary, but they must stay cheap to create in the hot path.
 */
import type { HostId } from '../../sim/index.ts';

/** A transaction as submitted by a client (a gateway, a clinician, a load generator). */
export interface Transaction {
  /** Unique in a run: `txId(sender, seq)`. */
  readonly id: number;
  /** Host that submitted it. */
  readonly sender: HostId;
  readonly sizeBytes: number;
  /** Digest of the payload (hex); contracts and integrity checks recompute it. */
  readonly payloadDigest: string;
  /** Virtual time the client submitted it, µs. */
  readonly submittedUs: number;
  /** Contract call carried by the transaction (IoMT layer); absent for synthetic load. */
  readonly call?: ContractCall;
  /** In a priority mempool, higher is proposed first (e.g. alarms before routine telemetry); default 0. */
  readonly priority?: number;
}

/** A call into a deterministic contract, executed by every replica at commit. */
export interface ContractCall {
  readonly contract: string;
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
}

const SEQ_LIMIT = 2 ** 26;

/** Transaction ids are sender · 2^26 + sequence: unique without coordination, and numeric. */
export function txId(sender: HostId, seq: number): number {
  return sender * SEQ_LIMIT + seq;
}

export function txSender(id: number): HostId {
  return Math.floor(id / SEQ_LIMIT);
}

/** The sender's sequence number inside a transaction id. */
export function txSeq(id: number): number {
  return id % SEQ_LIMIT;
}

export interface Block {
  readonly hash: string;
  readonly parentHash: string;
  readonly height: number;
  readonly proposer: HostId;
  readonly timestampUs: number;
  readonly merkleRoot: string;
  readonly txs: readonly Transaction[];
  readonly sizeBytes: number;
}
