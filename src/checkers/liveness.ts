/**
 * Liveness: while transactions wait to commit, the committed height advances at least once every
 * `boundUs`, except during intervals the fault model does not cover (partitions, more than f
 * faults), which the run model or an attack declares with `excuse`. After an excused interval the
 * bound runs again from its end: progress must resume (TigerBeetle's liveness phase).
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent, SubmitEvent } from '../protocols/types.ts';
import { TxIdSet } from '../ledger/txid-set.ts';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';
import { ALL_HONEST, describeFirst, type Checker, type HonestPredicate } from './types.ts';

export interface LivenessViolation {
  /** Start and end of the stall, µs. */
  readonly fromUs: number;
  readonly toUs: number;
  readonly pendingTxs: number;
}

export class LivenessChecker implements Checker {
  readonly name = 'liveness';
  readonly violations: LivenessViolation[] = [];
  private readonly excused: [number, number][] = [];
  /**
   * Waiting transactions are those submitted and not yet committed: two id sets that stay small
   * while each client's transactions are submitted, and mostly committed, in sequence (txid-set.ts),
   * where a set of the waiting ids grows with the backlog of an overloaded run.
   */
  private readonly submitted = new TxIdSet();
  private readonly committedAfterSubmission = new TxIdSet();
  /** Hashes of the blocks honest replicas committed, by height, above the commit frontier. */
  private readonly committedBlocks = new Map<number, string[]>();
  private readonly frontier: CommitFrontier;
  /** Start of the current wait: the last progress, or when work appeared after none was waiting. */
  private waitFromUs = 0;

  /** `honestReplicas`: the replicas whose commits move the commit frontier (none: every block hash is kept). */
  constructor(readonly boundUs: number, private readonly isHonest: HonestPredicate = ALL_HONEST, honestReplicas: readonly HostId[] = []) {
    if (!(boundUs > 0)) throw new RangeError(`liveness bound must be positive, found ${boundUs}`);
    this.frontier = new CommitFrontier(honestReplicas);
  }

  private get pendingTxs(): number {
    return this.submitted.size - this.committedAfterSubmission.size;
  }

  get violationCount(): number {
    return this.violations.length;
  }

  /** Progress is not required in [startUs, endUs] (outside the fault model). */
  excuse(startUs: number, endUs: number): void {
    this.excused.push([startUs, endUs]);
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (event.kind === 'submit') {
      if (this.pendingTxs === 0) this.waitFromUs = timeUs;
      this.submitted.add((event as SubmitEvent).tx.id);
    } else if (event.kind === 'commit' && this.isHonest(host)) {
      const { block } = event as CommitEvent;
      if (this.firstCommit(block.height, block.hash)) {
        if (this.pendingTxs > 0) this.checkGap(this.waitFromUs, timeUs);
        this.waitFromUs = timeUs;
        for (const tx of block.txs) if (this.submitted.has(tx.id)) this.committedAfterSubmission.add(tx.id);
      }
      if (this.frontier.advance(host, block.height)) forgetThrough(this.committedBlocks, this.frontier.height);
    }
  };

  /** Records a block as committed; false when an honest replica committed it before. */
  private firstCommit(height: number, hash: string): boolean {
    const hashes = this.committedBlocks.get(height);
    if (hashes === undefined) this.committedBlocks.set(height, [hash]);
    else if (hashes.includes(hash)) return false;
    else hashes.push(hash);
    return true;
  }

  outcome(endUs: number): CheckOutcome {
    // Work still waiting at the end counts as a stall up to the end; computed without recording it,
    // so asking twice gives the same verdict.
    const tail = this.pendingTxs > 0 ? this.stall(this.waitFromUs, endUs) : undefined;
    const all = tail === undefined ? this.violations : [...this.violations, tail];
    const n = all.length;
    return {
      name: this.name,
      passed: n === 0,
      detail: n === 0
        ? `committed height advanced within ${this.boundUs / 1e6} s whenever work waited`
        : `${n} stalls longer than ${this.boundUs / 1e6} s: ` +
          describeFirst(all, (v) => `${v.fromUs / 1e6}–${v.toUs / 1e6} s with ${v.pendingTxs} txs waiting`),
    };
  }

  /** Violations including a stall still open at `endUs`. */
  countAt(endUs: number): number {
    return this.violations.length + (this.pendingTxs > 0 && this.stall(this.waitFromUs, endUs) !== undefined ? 1 : 0);
  }

  private checkGap(fromUs: number, toUs: number): void {
    const v = this.stall(fromUs, toUs);
    if (v !== undefined) this.violations.push(v);
  }

  /** The stall in [fromUs, toUs] once excused intervals are taken out, if longer than the bound. */
  private stall(fromUs: number, toUs: number): LivenessViolation | undefined {
    let start = fromUs;
    for (const [a, b] of this.excused) {
      if (a <= toUs && b >= start) {
        if (b >= toUs) return undefined;
        start = Math.max(start, b);
      }
    }
    return toUs - start > this.boundUs ? { fromUs: start, toUs, pendingTxs: this.pendingTxs } : undefined;
  }
}
