/**
 * The part of a gateway or clinician that talks to the consortium: submits contract calls as
 * transactions and decides when one is confirmed, after `repliesNeeded` matching replies (PBFT:
 * f + 1 with the same block, Castro & Liskov §4.1). Requests go to one replica, chosen as the
 * load client's are (src/protocols/client/request-target.ts): the primary named by the latest
 * reply, initially replica 0, where the protocol's clients address its primary (PBFT); where any
 * replica takes requests, the client's own organisation's node, the next replica after a request
 * sent there timed out. An unanswered request is re-sent to every
 * replica after `retransmitUs` (§4.1, so a faulty primary cannot silence a client), then after
 * waits doubling up to a minute, as the load client's (TCP's timer, RFC 6298 §5.5, §2.5): an
 * overloaded ledger does not get every backlogged request again each period. Unlike a load
 * client, a gateway or clinician never gives up on a record's anchor or a decision. Due requests
 * are found in due order (retry-schedule.ts), never by scanning the backlog. Not an actor: it
 * borrows its owner's context.
 *
 * Each reply counted towards a confirmation is checked first, on the owner's host, at the cost the
 * load client pays (the consortium's `replyVerifyUs`, src/protocols/reply.ts): a PBFT reply's MAC,
 * a HotStuff or Clique reply's signature, Raft's channel MAC. A reply that names another replica
 * than its sender is forged and dropped unchecked, as the load client drops it (reply.ts
 * isOwnReply). A reply to a request no longer pending, or from a replica already counted, is
 * dropped unchecked unless the leader it names would move the client (request-target.ts), and only
 * a checked reply's leader moves the client.
 *
 * A confirmed transaction's outcome is read from the client's own organisation's node, which may
 * not have executed that block yet when f + 1 other replicas have answered: the client asks its
 * node (node-link.ts) and the node answers once it has executed the block (node-service.ts).
 */
import type { ActorContext } from '../../sim/index.ts';
import { CpuCharger, txId, txSeq, type ContractCall, type Transaction } from '../ledger/index.ts';
import { DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_INTERVAL_MAX_US, RetrySchedule } from '../protocols/client/retry-schedule.ts';
import { RequestTarget, type ClientRequests } from '../protocols/client/request-target.ts';
import { isOwnReply } from '../protocols/reply.ts';
import type { ConfirmedEvent, ReplyMessage, RequestMessage, SubmitEvent } from '../protocols/types.ts';
import { canonical, sha256Hex } from '../contracts/index.ts';
import type { NodeAnswer, NodeAnswerBody, NodeQueryBody } from './node-messages.ts';
import type { NodeQueries } from './node-link.ts';

/** Transaction envelope beyond the call itself: ids, sender, timestamp and an Ed25519 signature. */
export const TX_ENVELOPE_BYTES = 8 + 4 + 8 + 64;

export interface LedgerEndpoint {
  readonly replicaHosts: readonly number[];
  readonly repliesNeeded: number;
  /**
   * CPU time, µs, to check one reply's authentication, charged on the client's host for each reply
   * it counts (the consortium's `replyVerifyUs`, src/protocols/consortium/placement.ts).
   */
  readonly replyVerifyUs: number;
  readonly retransmitUs: number;
  /** Where new requests go (the protocol's `clientRequests`); 'primary' when absent. */
  readonly requests?: ClientRequests;
  /**
   * What making one transaction's authenticator costs the submitter's host (txAuthenticateCostUs
   * of the ledger's txAuth, src/ledger/tx-authentication.ts): whoever submits signs what every
   * replica verifies, a clinician's access request or a portal's revocation as a gateway's anchor.
   */
  readonly authenticateUs: number;
}

/** The actor a LedgerClient works for (the owner itself, on the same host). */
export interface LedgerOwner {
  /**
   * A submitted transaction is confirmed and, when it asked its node something, the node has
   * executed the block and answered (`answer`); without a question, at confirmation.
   */
  onLedgerOutcome(token: number, tx: Transaction, height: number, answer: NodeAnswerBody | undefined): void;
}

interface Pending {
  readonly tx: Transaction;
  readonly token: number;
  readonly ask: NodeQueryBody | undefined;
  /** Replicas that replied, keyed by the block hash they reported. */
  readonly votes: Map<string, Set<number>>;
}

/** Whether `replica` already counted towards `p`, for some block (one block hash in the usual case). */
function hasVoted(p: Pending, replica: number): boolean {
  for (const voters of p.votes.values()) if (voters.has(replica)) return true;
  return false;
}

export class LedgerClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Replica new requests go to (request-target.ts); an 'any-replica' client starts at its own organisation's node. */
  private readonly target: RequestTarget;
  /** Confirmed transactions whose node answer is awaited, by query id. */
  private readonly awaitingNode = new Map<number, { readonly token: number; readonly tx: Transaction; readonly height: number }>();
  private readonly retries: RetrySchedule;
  /** Carries sub-µs checks (a 1 µs MAC) forward, as the load client does. */
  private readonly cpu: CpuCharger;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly endpoint: LedgerEndpoint,
    private readonly node: NodeQueries,
    private readonly owner: LedgerOwner,
  ) {
    this.target = new RequestTarget(endpoint.replicaHosts, endpoint.requests, node.host);
    this.cpu = new CpuCharger(ctx);
    this.retries = new RetrySchedule(
      { requestTimeoutUs: endpoint.retransmitUs, backoffFactor: DEFAULT_RETRY_BACKOFF, retryIntervalMaxUs: DEFAULT_RETRY_INTERVAL_MAX_US, giveUpAfterUs: Infinity },
      {
        isLive: (id) => this.pending.has(id),
        // Ids grow with submissions and a map iterates in insertion order.
        oldestLive: () => {
          for (const id of this.pending.keys()) return id;
          return NaN;
        },
        submittedUs: (id) => this.pending.get(id)!.tx.submittedUs,
      },
    );
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Sign and submit `call`; `token` comes back in `onLedgerOutcome`, with the node's answer to `ask` once
   * confirmed (no question: at confirmation); a question about the transaction itself is made from
   * it (`ask` a function of it). Returns the transaction.
   */
  submit(call: ContractCall, token: number, ask?: NodeQueryBody | ((tx: Transaction) => NodeQueryBody)): Transaction {
    const ctx = this.ctx;
    const body = canonical(call);
    const tx: Transaction = {
      id: txId(ctx.self, this.seq++),
      sender: ctx.self,
      sizeBytes: TX_ENVELOPE_BYTES + body.length,
      payloadDigest: sha256Hex(body),
      submittedUs: ctx.nowUs,
      call,
    };
    ctx.cpu(this.endpoint.authenticateUs);
    const submitted: SubmitEvent = { kind: 'submit', tx };
    ctx.emit(submitted);
    this.pending.set(tx.id, { tx, token, ask: typeof ask === 'function' ? ask(tx) : ask, votes: new Map() });
    ctx.send(this.target.host, { kind: 'request', tx } satisfies RequestMessage, tx.sizeBytes);
    this.retries.submitted(tx.id, ctx.nowUs);
    return tx;
  }

  /** Feed a reply; returns true when it was one of ours. */
  onReply(from: number, m: ReplyMessage): boolean {
    const p = this.pending.get(m.txId);
    // Only a reply of the client's own counts, as the load client's (reply.ts isOwnReply): one
    // naming another replica than its sender is forged. Which replies are checked, and paid for:
    // the request target's rule (request-target.ts heard).
    const own = isOwnReply(this.ctx.self, from, m);
    const counted = own && p !== undefined && !hasVoted(p, from);
    const checked = this.target.heard(from, m, counted, own, this.seq);
    if (checked) this.cpu.charge(this.endpoint.replyVerifyUs);
    if (p === undefined) return false;
    if (!counted) return true;
    let voters = p.votes.get(m.blockHash);
    if (voters === undefined) p.votes.set(m.blockHash, (voters = new Set()));
    voters.add(from);
    if (voters.size >= this.endpoint.repliesNeeded) {
      this.pending.delete(m.txId);
      const confirmed: ConfirmedEvent = { kind: 'confirmed', tx: p.tx, height: m.height };
      this.ctx.emit(confirmed);
      if (p.ask === undefined) this.owner.onLedgerOutcome(p.token, p.tx, m.height, undefined);
      else this.awaitingNode.set(this.node.ask(p.ask, m.height), { token: p.token, tx: p.tx, height: m.height });
    }
    return true;
  }

  /** Feed a node answer; returns true when it answered one of this client's questions. */
  onNodeAnswer(m: NodeAnswer): boolean {
    const w = this.awaitingNode.get(m.id);
    if (w === undefined) return false;
    this.awaitingNode.delete(m.id);
    if (this.node.answered(m)) this.owner.onLedgerOutcome(w.token, w.tx, w.height, m.body);
    return true;
  }

  /**
   * Re-send each request now due to every replica, and unanswered node queries; call from a
   * periodic timer. One sent to the current target moves later requests on where any replica takes them.
   */
  retransmit(): void {
    this.node.resend();
    const ctx = this.ctx;
    const now = ctx.nowUs;
    for (let due = this.retries.popDue(now); due !== undefined; due = this.retries.popDue(now)) {
      if (due.attempt === 'give-up') continue; // never: giveUpAfter is Infinity
      const tx = this.pending.get(due.key)!.tx;
      this.target.unanswered(txSeq(tx.id), this.seq);
      const req: RequestMessage = { kind: 'request', tx };
      for (const h of this.endpoint.replicaHosts) ctx.send(h, req, tx.sizeBytes);
      this.retries.retransmitted(due.key, due.attempt, now, tx.submittedUs);
    }
  }
}
