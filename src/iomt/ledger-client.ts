/**
 * The part of a gateway or clinician that talks to the consortium: submits contract calls as
 * transactions and decides when one is confirmed, after `repliesNeeded` matching replies (PBFT:
 * f + 1 with the same block, Castro & Liskov §4.1). Requests go to one replica (the primary
 * named by the latest reply, initially replica 0); an unanswered request is re-sent to every replica after `retransmitUs` (§4.1, so a
 * faulty primary cannot silence a client). Not an actor: it borrows its owner's context.
 */
import type { ActorContext } from '../../sim/index.ts';
import { txId, type ContractCall, type Transaction } from '../ledger/index.ts';
import type { ConfirmedEvent, ReplyMessage, RequestMessage, SubmitEvent } from '../protocols/types.ts';
import { canonical, sha256Hex } from '../contracts/index.ts';

/** Transaction envelope beyond the call itself: ids, sender, timestamp and an Ed25519 signature. */
export const TX_ENVELOPE_BYTES = 8 + 4 + 8 + 64;

export interface LedgerEndpoint {
  readonly replicaHosts: readonly number[];
  readonly repliesNeeded: number;
  readonly retransmitUs: number;
}

/**
 * A confirmed transaction's outcome is read from the client's own organisation's node, which may
 * not have executed that block yet when f + 1 other replicas have answered: the client then polls
 * its node every POLL_US until it has (a LAN round trip's order of magnitude).
 */
export const NODE_POLL_US = 10_000;

interface Pending {
  readonly tx: Transaction;
  readonly token: number;
  /** Replicas that replied, keyed by the block hash they reported. */
  readonly votes: Map<string, Set<number>>;
  lastSentUs: number;
}

export class LedgerClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Replica requests go to: the primary the replies name (PBFT §4.1), initially replica 0. */
  private target: number;
  /** Confirmed transactions whose block the client's node has not executed yet. */
  private readonly awaitingNode: { token: number; tx: Transaction; height: number }[] = [];
  private pollScheduled = false;

  constructor(
    private readonly ctx: ActorContext<unknown>,
    private readonly endpoint: LedgerEndpoint,
    /** Called once per transaction when confirmed: (token, tx, height, nowUs). */
    private readonly onConfirmed: (token: number, tx: Transaction, height: number) => void,
    /** Height the client's node has executed; outcomes are read once it reaches a transaction's block. */
    private readonly nodeHeight: () => number,
    /** Timer tag the owner routes to `poll()`. */
    private readonly pollTag: number,
  ) {
    this.target = endpoint.replicaHosts[0]!;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Submit `call`; `token` is returned to `onConfirmed`. Returns the transaction. */
  submit(call: ContractCall, token: number): Transaction {
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
    const submitted: SubmitEvent = { kind: 'submit', tx };
    ctx.emit(submitted);
    this.pending.set(tx.id, { tx, token, votes: new Map(), lastSentUs: ctx.nowUs });
    ctx.send(this.target, { kind: 'request', tx } satisfies RequestMessage, tx.sizeBytes);
    return tx;
  }

  /** Feed a reply; returns true when it was one of ours. */
  onReply(from: number, m: ReplyMessage): boolean {
    if (m.leader !== undefined && this.endpoint.replicaHosts.includes(m.leader)) this.target = m.leader;
    const p = this.pending.get(m.txId);
    if (p === undefined) return false;
    let voters = p.votes.get(m.blockHash);
    if (voters === undefined) p.votes.set(m.blockHash, (voters = new Set()));
    voters.add(from);
    if (voters.size >= this.endpoint.repliesNeeded) {
      this.pending.delete(m.txId);
      const confirmed: ConfirmedEvent = { kind: 'confirmed', tx: p.tx, height: m.height };
      this.ctx.emit(confirmed);
      if (this.nodeHeight() >= m.height) this.onConfirmed(p.token, p.tx, m.height);
      else {
        this.awaitingNode.push({ token: p.token, tx: p.tx, height: m.height });
        this.schedulePoll();
      }
    }
    return true;
  }

  /** Deliver confirmations whose block the node has now executed; call on the owner's poll timer. */
  poll(): void {
    this.pollScheduled = false;
    const h = this.nodeHeight();
    const ready = this.awaitingNode.filter((w) => w.height <= h);
    if (ready.length > 0) {
      const rest = this.awaitingNode.filter((w) => w.height > h);
      this.awaitingNode.length = 0;
      this.awaitingNode.push(...rest);
      for (const w of ready) this.onConfirmed(w.token, w.tx, w.height);
    }
    if (this.awaitingNode.length > 0) this.schedulePoll();
  }

  private schedulePoll(): void {
    if (this.pollScheduled) return;
    this.pollScheduled = true;
    this.ctx.setTimer(NODE_POLL_US, this.pollTag);
  }

  /** Re-send requests unanswered for `retransmitUs` to every replica; call from a periodic timer. */
  retransmit(): void {
    const ctx = this.ctx;
    const now = ctx.nowUs;
    for (const p of this.pending.values()) {
      if (now - p.lastSentUs < this.endpoint.retransmitUs) continue;
      p.lastSentUs = now;
      const req: RequestMessage = { kind: 'request', tx: p.tx };
      for (const h of this.endpoint.replicaHosts) ctx.send(h, req, p.tx.sizeBytes);
    }
  }
}
