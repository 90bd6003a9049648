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
import type { Transaction } from '../ledger/types.ts';
import type { CommitEvent, SubmitEvent } from '../protocols/types.ts';
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
  private readonly submitted = new Map<number, Transaction>();
  private readonly committedAt = new Map<number, number>();

  constructor(private readonly isHonest: HonestPredicate = ALL_HONEST) {}

  get violationCount(): number {
    return this.violations.length;
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (event.kind === 'submit') {
      const { tx } = event as SubmitEvent;
      this.submitted.set(tx.id, tx);
      return;
    }
    if (event.kind !== 'commit' || !this.isHonest(host)) return;
    const { block, alreadyExecutedTxIds } = event as CommitEvent;
    const inBlock = block.txs.length > 1 ? new Set<number>() : undefined;
    for (const tx of block.txs) {
      if (alreadyExecutedTxIds?.includes(tx.id) === true) {
        // Not executed here: legitimate only if the request executed before.
        if (!this.committedAt.has(tx.id)) this.violations.push({ timeUs, host, txId: tx.id, height: block.height, reason: 'skipped-unexecuted' });
        continue;
      }
      const sent = this.submitted.get(tx.id);
      let reason: ValidityReason | undefined;
      if (sent === undefined) reason = 'never-submitted';
      else if (sent.payloadDigest !== tx.payloadDigest) reason = 'altered';
      else if (!sameSubmission(sent, tx)) reason = 'altered-call';
      else if (inBlock?.has(tx.id) === true) reason = 'committed-twice';
      else {
        const at = this.committedAt.get(tx.id);
        if (at === undefined) this.committedAt.set(tx.id, block.height);
        else if (at !== block.height) reason = 'committed-twice';
      }
      inBlock?.add(tx.id);
      if (reason !== undefined) this.violations.push({ timeUs, host, txId: tx.id, height: block.height, reason });
    }
  };

  outcome(): CheckOutcome {
    const n = this.violations.length;
    return {
      name: this.name,
      passed: n === 0,
      detail: n === 0
        ? `${this.committedAt.size} committed transactions, all submitted, unaltered, once`
        : `${n} invalid commits: ` + describeFirst(this.violations, (v) => `tx ${v.txId} ${v.reason} at height ${v.height} on host ${v.host}`),
    };
  }
}
