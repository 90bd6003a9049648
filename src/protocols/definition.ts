/**
 * The contract every consensus protocol meets, whether it lives in this tree or in a plug-in
 * module: one object that names the protocol, carries its parameter schema, states its fault model
 * and builds its replicas. Everything else is derived from it: the scenario's `consensus:` section
 * (the protocol names and one parameter block per protocol), the parameter defaults (the schema's
 * parse of `{}`), the parameter docs (the schema's descriptions, read by docs/scenarios.md and
 * `iomtsim list protocols`), the scenario's fault-model check, and the check of attack parameters
 * that name the protocol's message kinds.
 */
import type { z } from 'zod';
import type { Actor, ActorContext, HostId } from '../../sim/index.ts';
import { DEFAULT_MEMPOOL } from '../ledger/mempool.ts';
import { DEFAULT_TX_AUTH } from '../ledger/tx-authentication.ts';
import type { Transaction } from '../ledger/types.ts';
import type { ProtocolCollector, ReplicaConfig, ReplicaSettings, ReplicatedApplication } from './types.ts';
import type { ClientRequests } from './client/request-target.ts';
import type { ReplyAuthentication } from './reply.ts';

/** How many faults a protocol tolerates and how many replicas decide, stated once for every reader. */
export interface FaultModel {
  /** 'byzantine': arbitrary faults; 'crash': replicas stop; 'nakamoto': an honest majority of hash power decides. */
  readonly kind: 'byzantine' | 'crash' | 'nakamoto';
  /** The bound as a formula, for messages and docs (e.g. 'n ≥ 3f + 1'). */
  readonly rule: string;
  /** Largest number of faulty replicas the protocol tolerates with n replicas. */
  maxFaulty(n: number): number;
  /** Replicas whose agreement decides (a certificate, a log majority, a signer window). */
  quorum(n: number): number;
  /** Matching replies a client waits for before it treats a transaction as confirmed. */
  repliesNeeded(n: number): number;
}

/**
 * A protocol's parameters: a strict zod object in which every field has a default, a
 * `.describe()` text (its documentation) and, for quantities, a unit (src/scenario/zod-units.ts).
 * Rules between fields are refinements whose messages read "expected X, found Y".
 */
export type ParamsSchema = z.ZodObject;

/** A protocol's parameters as parsed by its schema (quantities in base units: µs, bytes). */
export type ParamsOf<S extends ParamsSchema> = z.output<S>;

export interface ProtocolDefinition<S extends ParamsSchema = ParamsSchema, Name extends string = string> {
  /** The scenario's `consensus.protocol` value, and the key of this protocol's parameter block. */
  readonly name: Name;
  readonly title: string;
  /** Paper or standard the implementation follows. */
  readonly reference: string;
  readonly paramsSchema: S;
  /** `paramsSchema.parse({})`. */
  readonly defaults: ParamsOf<S>;
  readonly faultModel: FaultModel;
  /**
   * The `kind` of every message one replica sends another (its wire protocol, without the clients'
   * requests and replies): what attacks that hold or drop messages by kind may name.
   */
  readonly messageKinds: readonly string[];
  /**
   * Which replica a client sends a new request to (src/protocols/client/request-target.ts).
   * 'primary' (the default): the one that leads as far as the client knows, replica 0 until a
   * reply names another, as a PBFT client sends to the view's primary (Castro & Liskov §4.1).
   * 'any-replica': every replica takes requests and passes them on (forwarded to a leader,
   * gossiped), so each client starts at a replica of its own and moves to the next one when a
   * request it sent there times out; a reply that names a leader still moves it there.
   */
  readonly clientRequests?: ClientRequests;
  /**
   * How its replicas authenticate their replies (src/protocols/reply.ts), which a client checks
   * before it counts one; 'none' when absent.
   */
  replyAuthentication?(params: ParamsOf<S>): ReplyAuthentication;
  /**
   * Named deviations its replicas can be switched to (`ByzantineLevers`), for a Byzantine face the
   * attack library's proxy runs (src/attacks/byzantine/behaviour.ts): misbehaviour that only the
   * protocol's own code can produce, such as a validly signed proposal on another certificate.
   */
  readonly byzantineLevers?: readonly string[];
  /**
   * The messages on which one replica forwards client transactions to another for it to propose
   * (HotStuff's votes and new-views to the next leader), and their field that holds them: what an
   * attack that censors what a replica proposes takes them out of (src/attacks/byzantine/censorship.ts).
   * Absent where replicas forward none; a `field` of any other message (a block's transactions,
   * which its hash covers) is never touched.
   */
  readonly forwardedTransactions?: ForwardedTransactions;
  /**
   * Fewest replicas the model runs, where that is more than one, and why: a scenario with fewer is
   * an input error (src/scenario/fault-model-check.ts), whatever its attacks.
   */
  readonly minNodes?: { readonly count: number; readonly why: string };
  /**
   * Why the replicas keep no pool that `consensus.mempool` bounds, where they keep none: a scenario
   * that sets it is an input error (src/scenario/consistency-check.ts), not a setting silently unused.
   */
  readonly withoutMempool?: string;
  /**
   * Why the replicas execute no transaction on the application they are given, where they execute
   * none: an IoMT world works through its contracts (registration, anchoring, consent, audit), so an
   * IoMT scenario on this protocol is an input error (src/scenario/consistency-check.ts), not a run
   * whose IoMT layer silently does nothing.
   */
  readonly withoutApplication?: string;
  /** One replica; `config.params` has been parsed by `paramsSchema` already. */
  createReplica(ctx: ActorContext<unknown>, config: ReplicaConfig<ParamsOf<S>>, app: ReplicatedApplication): Actor<unknown>;
  /**
   * The longest the protocol's own commit rule leaves waiting transactions without a commit of one
   * of them, in a run without faults, µs; the liveness bound a scenario leaves to its default is never
   * set below it. null where the protocol owes no such bound (proof of work: block intervals are
   * exponential, so every bound is exceeded sooner or later) and a run checks no liveness unless the
   * scenario states a bound. Absent: the protocol commits within the default (consensus.livenessBound).
   */
  commitGapBoundUs?(params: ParamsOf<S>, nodes: number): number | null;
  /**
   * Where blocks come on a clock, whatever the load (Clique's period): the parameter that sets the
   * least time between a block and its parent, and that time, µs. A block holds at most
   * consensus.batchSize transactions, so batchSize per period is the most the protocol commits a
   * second; a scenario that offers more is told so when it loads (src/scenario/capacity-notices.ts).
   * Absent: blocks follow the load (a leader proposes when a batch fills or at each view).
   */
  readonly blockPeriod?: { readonly param: string; periodUs(params: ParamsOf<S>): number };
  /**
   * The longest the protocol takes to commit again once the network is synchronous after a phase
   * of faults (GST), µs, given how long that phase lasted and which replicas stay faulty after it:
   * the bound `iomtsim fuzz --protocol-module` holds the plug-in to after its fault phase, beside
   * one client request timeout and a second for the commit (src/fuzz/liveness-bound.ts; the in-tree
   * protocols' bounds come from their papers' timer rules there). Absent: 20 times the longest of
   * its duration parameters, which cannot tell a timer from any other duration.
   */
  recoveryBoundUs?(params: ParamsOf<S>, after: FaultPhaseEnd): number;
  /** Optional protocol-specific metrics from model events (e.g. PoA fork and stale rates). */
  createCollector?(replicaCount: number): ProtocolCollector;
}

/** What a protocol's recovery bound may depend on: the fault phase it recovers from. */
export interface FaultPhaseEnd {
  readonly nodes: number;
  /** How long the faults lasted, µs (timers that double per failed attempt grow with it). */
  readonly faultPhaseUs: number;
  /** Replica indices still faulty after the phase (crashed for good, or Byzantine throughout). */
  readonly faultyReplicas: readonly number[];
}

/** See ProtocolDefinition.forwardedTransactions. */
export interface ForwardedTransactions {
  /** Kinds (of messageKinds) of the messages that carry forwarded transactions. */
  readonly kinds: readonly string[];
  /** The field of those messages that holds them, a list of transactions. */
  readonly field: string;
}

/** The transactions `msg` forwards under `declared`, or undefined where it is no message that carries them. */
export function forwardedTransactionsOf(declared: ForwardedTransactions | undefined, msg: unknown): readonly Transaction[] | undefined {
  const kind = (msg as { kind?: unknown } | null)?.kind;
  if (declared === undefined || typeof kind !== 'string' || !declared.kinds.includes(kind)) return undefined;
  const txs = (msg as Record<string, unknown>)[declared.field];
  return Array.isArray(txs) ? (txs as readonly Transaction[]) : undefined;
}

/** A copy of `msg` (a message that carries forwarded transactions under `declared`) that forwards `txs` instead. */
export function withForwardedTransactions(declared: ForwardedTransactions, msg: unknown, txs: readonly Transaction[]): unknown {
  return { ...(msg as object), [declared.field]: txs };
}

/**
 * A replica that can tell which transactions forwarded on a message it would take into its pool if
 * the message arrived now from `from` (a leader takes those for a proposal still to come and
 * ignores the rest): what lets a censor label only those it kept from the replica.
 */
export interface ForwardedIntake {
  forwardedTaken(from: HostId, msg: unknown): readonly Transaction[];
}

export function hasForwardedIntake(replica: unknown): replica is ForwardedIntake {
  return typeof (replica as Partial<ForwardedIntake> | null)?.forwardedTaken === 'function';
}

/**
 * A replica that can keep chosen transactions out of what it takes from its pool for a proposal
 * (or, in HotStuff, to forward to the next leader), whenever they entered the pool: what lets a
 * censor never propose a censored sender's transactions, those pooled before it began included.
 * `null` lifts it.
 */
export interface ProposalExclusion {
  excludeFromProposals(excludes: ((tx: Transaction) => boolean) | null): void;
}

export function hasProposalExclusion(replica: unknown): replica is ProposalExclusion {
  return typeof (replica as Partial<ProposalExclusion> | null)?.excludeFromProposals === 'function';
}

/**
 * A replica that implements its definition's `byzantineLevers`. `lever` is one of them, pulled once
 * before the replica starts; the replica deviates only while `engaged()` holds (the attack's window)
 * and runs its honest code otherwise.
 */
export interface ByzantineLevers {
  pullByzantineLever(lever: string, engaged: () => boolean): void;
}

/**
 * The lever of a chained BFT leader that proposes on its locked node, with the QC that certifies
 * it, instead of on its highest QC (HotStuff offers it; the attack library's stale-qc pulls it).
 */
export const PROPOSE_ON_LOCK = 'propose-on-lock';

export function hasByzantineLevers(replica: unknown): replica is ByzantineLevers {
  return typeof (replica as Partial<ByzantineLevers> | null)?.pullByzantineLever === 'function';
}

/**
 * The kinds of a message union, listed once as a record with one entry per kind, so the compiler
 * rejects a kind that is missing or unknown: `kindsOf<RaftMessage['kind']>({ 'raft-append': true, ... })`.
 */
export function kindsOf<K extends string>(kinds: Record<K, true>): readonly K[] {
  return Object.keys(kinds) as K[];
}

/** A definition from its parts; the defaults are derived from the schema. */
export function defineProtocol<const Name extends string, S extends ParamsSchema>(
  parts: Omit<ProtocolDefinition<S, Name>, 'defaults'>,
): ProtocolDefinition<S, Name> {
  return { ...parts, defaults: parts.paramsSchema.parse({}) as ParamsOf<S> };
}

/**
 * Replica settings for hosts that run a protocol outside a scenario (validation's ideal network,
 * tests): the protocol's defaults with `overrides` (base units), the default mempool limits and signed transactions.
 */
export function defaultReplicaSettings<S extends ParamsSchema>(protocol: ProtocolDefinition<S>, overrides: Partial<ParamsOf<S>> = {}): ReplicaSettings<ParamsOf<S>> {
  return { params: { ...protocol.defaults, ...overrides }, mempool: DEFAULT_MEMPOOL, txAuth: DEFAULT_TX_AUTH };
}
