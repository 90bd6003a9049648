/**
 * Validity: honest replicas commit only transactions that clients submitted, unaltered, and none
 * twice (PBFT's exactly-once execution, Castro & Liskov 1999, §4.1; Byzantine broadcast validity).
 * A block may carry a request again if the replica says it did not execute it there
 * (CommitEvent.alreadyExecutedTxIds); that claim holds only for a request committed before.
 * Unaltered means the same payload digest and the same executed call: contract, method and every
 * argument (same-transaction.ts).
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent, SubmitEvent } from '../protocols/types.ts';
import { TransactionTable } from '../ledger/transaction-table.ts';
import { TxIdSet } from '../ledger/txid-set.ts';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';
import { sameSubmission } from './same-transaction.ts';
import { ALL_HONEST, describeFirst, type Checker, type HonestPredicate } from './types.ts';

/** 'altered': another payload digest; 'altered-call': the digest kept, the sender or the call (contract, method, arguments) changed. */
export type ValidityReason = 'never-submitted' | 'altered' | 'altered-call' | 'committed-twice' | 'skipped-unexecuted';

export interface ValidityViolation {
  readonly timeUs: number;
  readonly host: HostId;
  readonly txId: number;
  readonly height: number;
  readonly reason: ValidityReason;
}

export class ValidityChecker implements Checker {
  readonly name = 'validity';
  readonly violations: ValidityViolation[] = [];
  /** Submitted transactions not yet retired, by id. */
  private readonly submitted = new TransactionTable();
  /** Height of each unretired transaction's first honest commit. */
  private readonly committedAt = new Map<number, number>();
  /** Transactions first committed at each height above the commit frontier, to retire once it passes. */
  private readonly firstCommittedByHeight = new Map<number, number[]>();
  /**
   * Transactions first committed at or below the commit frontier: every honest replica has committed
   * past their height, so an honest commit of one again can only be at another height, committed
   * twice whatever its content; only their ids are kept.
   */
  private readonly retired = new TxIdSet();
  private readonly frontier: CommitFrontier;

  /** `honestReplicas`: the replicas whose commits move the commit frontier (none: every transaction is kept). */
  constructor(private readonly isHonest: HonestPredicate = ALL_HONEST, honestReplicas: readonly HostId[] = []) {
    this.frontier = new CommitFrontier(honestReplicas);
  }

  get violationCount(): number {
    return this.violations.length;
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (event.kind === 'submit') {
      const { tx } = event as SubmitEvent;
      this.submitted.set(tx);
      return;
    }
    if (event.kind !== 'commit' || !this.isHonest(host)) return;
    const { block, alreadyExecutedTxIds } = event as CommitEvent;
    const inBlock = block.txs.length > 1 ? new Set<number>() : undefined;
    for (const tx of block.txs) {
      if (alreadyExecutedTxIds?.includes(tx.id) === true) {
        // Not executed here: legitimate only if the request executed before.
        if (!this.committedAt.has(tx.id) && !this.retired.has(tx.id)) this.violations.push({ timeUs, host, txId: tx.id, height: block.height, reason: 'skipped-unexecuted' });
        continue;
      }
      const sent = this.submitted.get(tx.id);
      let reason: ValidityReason | undefined;
      if (this.retired.has(tx.id)) reason = 'committed-twice';
      else if (sent === undefined) reason = 'never-submitted';
      else if (sent !== tx && sent.payloadDigest !== tx.payloadDigest) reason = 'altered';
      else if (!sameSubmission(sent, tx)) reason = 'altered-call';
      else if (inBlock?.has(tx.id) === true) reason = 'committed-twice';
      else {
        const at = this.committedAt.get(tx.id);
        if (at === undefined) this.firstCommit(tx.id, block.height);
        else if (at !== block.height) reason = 'committed-twice';
      }
      inBlock?.add(tx.id);
      if (reason !== undefined) this.violations.push({ timeUs, host, txId: tx.id, height: block.height, reason });
    }
    if (this.frontier.advance(host, block.height)) forgetThrough(this.firstCommittedByHeight, this.frontier.height, (_, ids) => this.retire(ids));
  };

  private firstCommit(id: number, height: number): void {
    this.committedAt.set(id, height);
    const ids = this.firstCommittedByHeight.get(height);
    if (ids === undefined) this.firstCommittedByHeight.set(height, [id]);
    else ids.push(id);
  }

  private retire(ids: readonly number[]): void {
    for (const id of ids) {
      this.submitted.delete(id);
      this.committedAt.delete(id);
      this.retired.add(id);
    }
  }

  outcome(): CheckOutcome {
    const n = this.violations.length;
    return {
      name: this.name,
      passed: n === 0,
      ...(n === 0 && this.committedAt.size + this.retired.size === 0 ? { couldNotFail: 'no honest replica committed a transaction, so none could be invalid' } : {}),
      detail: n === 0
        ? `${this.committedAt.size + this.retired.size} committed transactions, all submitted, unaltered, once`
        : `${n} invalid commits: ` + describeFirst(this.violations, (v) => `tx ${v.txId} ${v.reason} at height ${v.height} on host ${v.host}`),
    };
  }
}
