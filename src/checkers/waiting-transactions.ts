/**
 * The transactions that wait to commit: submitted and not yet settled, a transaction settling when
 * it commits, when its client gives up on it (workload.giveUpAfter: it then waits for nobody, and a
 * transaction every replica's full mempool dropped would otherwise wait for ever), or, with a
 * transaction lifetime (consensus.mempool.ttl), when it reaches its deadline uncommitted (no correct
 * replica may propose it after, so nothing owes it progress). What the liveness checker and
 * attack.max_commit_gap_ms call progress, while any transaction waits, is a first commit of a
 * waiting transaction or of one its client gave up on (replicas working through a backlog after an
 * outage serve it in order, and the transactions behind it wait on that work); settling without a
 * commit, or a commit past a transaction's lifetime, is none, and a block that carries none of
 * them (HotStuff's empty nodes, Clique's empty seals, a proof-of-work block mined on an empty pool)
 * grows the chain and serves no client.
 *
 * Kept as id sets that stay small while each client's transactions are submitted, and mostly
 * settled, in sequence (txid-set.ts), where a set of the waiting ids grows with the backlog of an
 * overloaded run.
 */
import type { Transaction } from '../ledger/types.ts';
import { TxIdSet } from '../ledger/txid-set.ts';

export class WaitingTransactions {
  private readonly submitted = new TxIdSet();
  private readonly settled = new TxIdSet();
  /** Given up by their clients while waiting, and those of them committed since (once each is progress). */
  private readonly abandoned = new TxIdSet();
  private readonly abandonedCommitted = new TxIdSet();
  /** With a lifetime: the submitted ids and their deadlines, in submission order (one lifetime for all: deadline order), from `expiryHead`. */
  private expiryIds: number[] = [];
  private expiryAtUs: number[] = [];
  private expiryHead = 0;

  constructor(readonly lifetimeUs = Infinity) {
    if (!(lifetimeUs > 0)) throw new RangeError(`transaction lifetime must be positive, found ${lifetimeUs}`);
  }

  /** How many wait now. */
  get count(): number {
    return this.submitted.size - this.settled.size;
  }

  /** A submission (a resubmission of a known id changes nothing). */
  submit(tx: Transaction): void {
    if (this.submitted.add(tx.id) && this.lifetimeUs !== Infinity) {
      this.expiryIds.push(tx.id);
      this.expiryAtUs.push(tx.submittedUs + this.lifetimeUs);
    }
  }

  /**
   * Settles the waiting ones among `txs`, committed; returns how many of them are progress: first
   * commits of transactions that were waiting or that their clients gave up on, while any waited
   * (a commit while nothing waits ends no wait).
   */
  settle(txs: readonly Transaction[]): number {
    const waited = this.count > 0;
    let n = 0;
    for (const tx of txs) {
      if (!this.submitted.has(tx.id)) continue;
      if (this.settled.add(tx.id)) n++;
      else if (this.abandoned.has(tx.id) && this.abandonedCommitted.add(tx.id)) n++;
    }
    return waited ? n : 0;
  }

  /**
   * Settles a transaction its client gave up on at `atUs`; `lastOneLeaves(atUs)` is told first where
   * it was the last one waiting (a wait ends there without progress).
   */
  abandon(id: number, atUs: number, lastOneLeaves: (atUs: number) => void): void {
    if (!this.submitted.has(id) || this.settled.has(id)) return;
    if (this.count === 1) lastOneLeaves(atUs);
    this.settled.add(id);
    this.abandoned.add(id);
  }

  /**
   * Settles the transactions whose deadline is at or before `nowUs`; `lastOneExpires(atUs)` is told
   * of each deadline that leaves none waiting, before that transaction settles (a wait ends there
   * without progress).
   */
  expireThrough(nowUs: number, lastOneExpires: (atUs: number) => void): void {
    if (this.lifetimeUs === Infinity) return;
    const ids = this.expiryIds;
    const at = this.expiryAtUs;
    while (this.expiryHead < ids.length && at[this.expiryHead]! <= nowUs) {
      const i = this.expiryHead++;
      if (this.settled.has(ids[i]!)) continue;
      if (this.count === 1) lastOneExpires(at[i]!);
      this.settled.add(ids[i]!);
    }
    if (this.expiryHead > 4096 && this.expiryHead * 2 > ids.length) {
      this.expiryIds = ids.slice(this.expiryHead);
      this.expiryAtUs = at.slice(this.expiryHead);
      this.expiryHead = 0;
    }
  }
}
