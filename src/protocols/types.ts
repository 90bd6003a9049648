/**
 * The contract between a consensus protocol, the run model that hosts it, the IoMT layer that
 * submits to it, and the checkers that watch it.
 *
 * - Clients send `{ kind: 'request', tx }` to replicas; replicas answer `{ kind: 'reply', ... }`.
 *   A client treats a transaction as confirmed after `faultModel.repliesNeeded(n)` matching replies
 *   (PBFT: f + 1, Castro & Liskov §4.1; Raft: the leader's one; PoW: after k confirmations).
 * - Every replica emits a `CommitEvent` for each block (or log entry, or batch) it commits, in
 *   height order. The safety checker compares them across honest replicas.
 * - Each replica executes committed transactions against its own `ReplicatedApplication`
 *   (ABCI-style), so contract state can be compared across replicas.
 */
import type { Actor, ActorContext, HostId, ModelEvent } from '../../sim/index.ts';
import type { CryptoCosts, SigningKey, Verifier } from '../ledger/crypto.ts';
import type { MempoolOptions } from '../ledger/mempool.ts';
import type { TxAuth } from '../ledger/tx-authentication.ts';
import type { Block, Transaction } from '../ledger/types.ts';
import type { Metrics } from '../metrics/types.ts';
import type { ExecutionWork } from './execution-work.ts';

export interface RequestMessage {
  readonly kind: 'request';
  readonly tx: Transaction;
}

export interface ReplyMessage {
  readonly kind: 'reply';
  readonly txId: number;
  readonly height: number;
  /** Digest of the committed block, so a client can require matching replies. */
  readonly blockHash: string;
  readonly replica: HostId;
  /** The replica's current leader or primary, so a client can address its next requests there. */
  readonly leader?: HostId;
  /**
   * The view or term in which `leader` leads, where the reply names one: a PBFT reply carries the
   * view (Castro & Liskov 1999, §4.1) and every Raft message its sender's term (Ongaro & Ousterhout
   * 2014, §5.1), so a client can tell an older hint, arriving late, from a newer one.
   */
  readonly view?: number;
}

/** Executed by every replica on commit; deterministic. */
export interface ReplicatedApplication {
  /**
   * Execute one committed transaction; returns the processing work it did, which the replica
   * charges as CPU time (executionCostUs), or nothing when it did none worth charging.
   */
  execute(tx: Transaction, block: Block, timeUs: number): ExecutionWork | void;
  /** Digest of the whole state, compared across honest replicas. */
  stateDigest(): string;
}

/** An application that keeps no state (synthetic load). */
export const NO_APPLICATION: ReplicatedApplication = {
  execute: () => {},
  stateDigest: () => '',
};

/** CPU cost in virtual µs of each cryptographic operation; see `iomtsim calibrate`. */
export type { CryptoCosts } from '../ledger/crypto.ts';

/** What a host hands every replica of a run besides its place and keys. */
export interface ReplicaSettings<P = Readonly<Record<string, unknown>>> {
  /** The protocol's own parameters, parsed by its `paramsSchema` (quantities in base units). */
  readonly params: P;
  /** Limits of the replica's pool of waiting transactions (the scenario's `consensus.mempool`). */
  readonly mempool: MempoolOptions;
  /** What transactions carry for the replica to check (the scenario's `consensus.txAuth`; src/ledger/tx-authentication.ts). */
  readonly txAuth: TxAuth;
}

export interface ReplicaConfig<P = Readonly<Record<string, unknown>>> extends ReplicaSettings<P> {
  /** Hosts of all replicas, index i is replica i. */
  readonly replicaHosts: readonly HostId[];
  readonly index: number;
  readonly batchSize: number;
  readonly batchTimeoutUs: number;
  readonly blockSizeMaxBytes: number;
  readonly crypto: CryptoCosts;
  /** This replica's own signing key (the run model issues one per replica). */
  readonly signingKey?: SigningKey;
  /** Checks anyone's signatures; digests in the run's crypto mode. */
  readonly verifier?: Verifier;
}


/** An observer of model events that reports protocol-specific metrics at the end of a run. */
export interface ProtocolCollector {
  readonly observe: (host: HostId, event: ModelEvent, timeUs: number) => void;
  metrics(simulatedUs: number): Metrics;
}

/** Emitted by a replica for each block it commits, in height order. */
export interface CommitEvent extends ModelEvent {
  readonly kind: 'commit';
  readonly block: Block;
  /**
   * Transactions of the block this replica did not execute because it had executed them before: a
   * Byzantine primary may order one request twice, and replicas execute each request once
   * (Castro & Liskov §4.1). Absent when every transaction executed.
   */
  readonly alreadyExecutedTxIds?: readonly number[];
}

/**
 * Emitted by a replica when it enters a new view after a fault: PBFT's replicas as they first hold a
 * quorum of VIEW-CHANGEs for the view or a NEW-VIEW installs it, HotStuff's as they enter a view on a
 * timeout certificate (for both, `leader` is that view's leader, who may be down). Collectors count
 * each view once; the leader tracker follows only a leader's own announcement
 * (consortium/leader-tracker.ts).
 */
export interface ViewChangeEvent extends ModelEvent {
  readonly kind: 'view-change';
  readonly view: number;
  readonly leader: HostId;
}

/**
 * Emitted by a Raft replica as it starts an election: it raises its term and stands as a candidate
 * (Raft §5.2). Term 1 is the run's first election; a later term is entered only as the one before it
 * is given up, and is Raft's view change whether or not its election then elects a leader (the vote
 * may split, the candidate crash or be cut off): collectors count each term above 1 once, however
 * many replicas stand in it. It names no leader, so the leader tracker ignores it; the winner
 * announces itself with a `LeadsEvent`.
 */
export interface ElectionEvent extends ModelEvent {
  readonly kind: 'election';
  readonly term: number;
}

/**
 * Emitted by a replica as it starts leading `view` where that is no view change of its own to
 * report: HotStuff's round-robin leader of each view as it enters it, when the votes on the previous
 * proposal start coming to it (§4.3, §5), Clique's in-turn signer of each height as its turn begins
 * (EIP-225, `view` the height), Raft's elected leader of its term (§5.2; the term was reported as its
 * election started, `ElectionEvent`). What the attacks that follow the leader track
 * (leader-tracker.ts).
 */
export interface LeadsEvent extends ModelEvent {
  readonly kind: 'leads';
  readonly view: number;
  readonly leader: HostId;
}

/** Emitted by a client when it submits a transaction (validity and latency start here). */
export interface SubmitEvent extends ModelEvent {
  readonly kind: 'submit';
  readonly tx: Transaction;
}

/** Emitted by a client that abandons a transaction unconfirmed after its deadline (workload.giveUpAfter). */
export interface TimedOutEvent extends ModelEvent {
  readonly kind: 'timed-out';
  readonly tx: Transaction;
}

/** Emitted by a client when a transaction is confirmed (enough matching replies). */
export interface ConfirmedEvent extends ModelEvent {
  readonly kind: 'confirmed';
  readonly tx: Transaction;
  readonly height: number;
}
