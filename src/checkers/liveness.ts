/**
 * Liveness: while transactions wait to commit, a commit settles one of them at least once every
 * `boundUs`. Progress is a commit that serves a client, not a taller chain: a block that carries no
 * waiting transaction (HotStuff's empty nodes each view, Clique's empty seals each period, a
 * proof-of-work block mined on an empty pool, a block of transactions already committed) is no
 * progress while work waits, and owes none when nothing waits. A block counts once as many honest
 * replicas have committed it as a client needs matching replies to accept it (`repliesNeeded`,
 * default 1): a replicated service is live when its clients receive replies (Castro & Liskov §4.5),
 * so blocks that fewer replicas commit than a client must hear from are not progress. Intervals the
 * fault model does not cover (asynchrony, a split that leaves no side of n − f replicas, more than
 * f faults), which the run model or an attack declares with `excuse`, need no progress; after one
 * the bound runs again from its end: progress must resume (TigerBeetle's liveness phase). The
 * stretch of a wait before an excused interval is judged on its own as well. With a transaction
 * lifetime (consensus.mempool.ttl) a transaction that reaches its deadline uncommitted waits no
 * more: no correct replica may propose it after (it may still commit, if proposed in time, though
 * that settles nothing then), so the ledger owes it no progress. Nor does a transaction its client
 * gave up on (workload.giveUpAfter) wait any more, without progress; its first commit after that,
 * while others wait, is progress (waiting-transactions.ts).
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent, SubmitEvent, TimedOutEvent } from '../protocols/types.ts';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';
import { ALL_HONEST, describeFirst, type Checker, type HonestPredicate } from './types.ts';
import { WaitingTransactions } from './waiting-transactions.ts';

export interface LivenessViolation {
  /** Start and end of the stall, µs. */
  readonly fromUs: number;
  readonly toUs: number;
  readonly pendingTxs: number;
}

export interface LivenessOptions {
  /** The replicas whose commits move the commit frontier (none: every block is kept). */
  readonly honestReplicas?: readonly HostId[];
  /** Honest replicas that must commit a block before it counts: the matching replies a client needs (default 1). */
  readonly repliesNeeded?: number;
  /** How long after its submission a transaction may still be proposed (consensus.mempool.ttl; default Infinity). */
  readonly lifetimeUs?: number;
}

/** A block committed at some height by `committers` honest replicas so far. */
interface CommittedBlock {
  readonly hash: string;
  committers: number;
}

export class LivenessChecker implements Checker {
  readonly name = 'liveness';
  readonly violations: LivenessViolation[] = [];
  private readonly excused: [number, number][] = [];
  private readonly waiting: WaitingTransactions;
  /** The blocks honest replicas committed, by height, above the commit frontier. */
  private readonly committedBlocks = new Map<number, CommittedBlock[]>();
  private readonly frontier: CommitFrontier;
  private readonly repliesNeeded: number;
  /** Start of the current wait: the last progress, or when work appeared after none was waiting. */
  private waitFromUs = 0;

  constructor(readonly boundUs: number, private readonly isHonest: HonestPredicate = ALL_HONEST, options: LivenessOptions = {}) {
    if (!(boundUs > 0)) throw new RangeError(`liveness bound must be positive, found ${boundUs}`);
    this.repliesNeeded = options.repliesNeeded ?? 1;
    if (!(Number.isInteger(this.repliesNeeded) && this.repliesNeeded >= 1)) throw new RangeError(`repliesNeeded must be a positive integer, found ${this.repliesNeeded}`);
    this.frontier = new CommitFrontier(options.honestReplicas ?? []);
    this.waiting = new WaitingTransactions(options.lifetimeUs);
  }

  private get pendingTxs(): number {
    return this.waiting.count;
  }

  /**
   * Settle the transactions whose deadline is at or before `nowUs`; where that leaves none waiting,
   * the wait ended at the last deadline without progress, and is judged as a wait ended by a commit is.
   */
  private expireThrough(nowUs: number): void {
    this.waiting.expireThrough(nowUs, this.lastOneExpires);
  }

  /** The last transaction waiting reaches its deadline or is given up: the wait ends here, judged with it still waiting. */
  private readonly lastOneExpires = (atUs: number): void => {
    this.checkGap(this.waitFromUs, atUs);
    this.waitFromUs = atUs;
  };

  get violationCount(): number {
    return this.violations.length;
  }

  /** Progress is not required in [startUs, endUs] (outside the fault model). */
  excuse(startUs: number, endUs: number): void {
    // Kept in order of start, so a stall is split along them without sorting at each commit.
    this.excused.push([startUs, endUs]);
    this.excused.sort((x, y) => x[0] - y[0]);
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    this.expireThrough(timeUs);
    if (event.kind === 'submit') {
      if (this.pendingTxs === 0) this.waitFromUs = timeUs;
      this.waiting.submit((event as SubmitEvent).tx);
    } else if (event.kind === 'timed-out') {
      this.waiting.abandon((event as TimedOutEvent).tx.id, timeUs, this.lastOneExpires);
    } else if (event.kind === 'commit' && this.isHonest(host)) {
      const { block } = event as CommitEvent;
      if (this.countCommit(block.height, block.hash) === this.repliesNeeded) {
        // Judged with the block's transactions still waiting: they waited until this commit.
        const before = this.pendingTxs;
        if (this.waiting.settle(block.txs) > 0) {
          this.checkGap(this.waitFromUs, timeUs, before);
          this.waitFromUs = timeUs;
        }
      }
      if (this.frontier.advance(host, block.height)) forgetThrough(this.committedBlocks, this.frontier.height);
    }
  };

  /** Counts one more honest replica's commit of a block; returns how many have committed it. */
  private countCommit(height: number, hash: string): number {
    let blocks = this.committedBlocks.get(height);
    if (blocks === undefined) this.committedBlocks.set(height, (blocks = []));
    const known = blocks.find((b) => b.hash === hash);
    if (known !== undefined) return ++known.committers;
    blocks.push({ hash, committers: 1 });
    return 1;
  }

  outcome(endUs: number): CheckOutcome {
    this.expireThrough(endUs);
    // Work still waiting at the end counts as a stall up to the end; computed without recording it,
    // so asking twice gives the same verdict.
    const tail = this.pendingTxs > 0 ? this.stall(this.waitFromUs, endUs) : undefined;
    const all = tail === undefined ? this.violations : [...this.violations, tail];
    const n = all.length;
    const by = this.repliesNeeded === 1 ? '' : ` (a block counts once ${this.repliesNeeded} honest replicas, the replies a client needs, committed it)`;
    return {
      name: this.name,
      passed: n === 0,
      ...this.vacuity(endUs),
      detail: n === 0
        ? `a waiting transaction committed within ${this.boundUs / 1e6} s whenever work waited${by}`
        : `${n} stalls longer than ${this.boundUs / 1e6} s${by}: ` +
          describeFirst(all, (v) => `${v.fromUs / 1e6}–${v.toUs / 1e6} s with ${v.pendingTxs} txs waiting`),
    };
  }

  /**
   * Why no stall could be found in a run ending at `endUs`, if none could: a stall is longer than the
   * bound and lies inside one stretch the fault model does not excuse, so where no such stretch is
   * longer than the bound the check cannot fail, whatever the replicas do.
   */
  private vacuity(endUs: number): { couldNotFail?: string } {
    const bound = `the liveness bound, ${this.boundUs / 1e6} s (consensus.livenessBound)`;
    if (this.excused.length === 0) return endUs <= this.boundUs ? { couldNotFail: `the run, ${endUs / 1e6} s, is no longer than ${bound}` } : {};
    const longest = longestWatchedStretch(this.excused, endUs);
    if (longest === undefined) return { couldNotFail: `the fault model excuses the whole run (0–${endUs / 1e6} s)` };
    const [a, b] = longest;
    return b - a <= this.boundUs ? { couldNotFail: `the longest stretch the fault model does not excuse, ${(b - a) / 1e6} s (${a / 1e6}–${b / 1e6} s), is no longer than ${bound}` } : {};
  }

  /** Violations including a stall still open at `endUs`. */
  countAt(endUs: number): number {
    this.expireThrough(endUs);
    return this.violations.length + (this.pendingTxs > 0 && this.stall(this.waitFromUs, endUs) !== undefined ? 1 : 0);
  }

  /** Records a stall in the wait [fromUs, toUs] with `pending` transactions waiting, if there is one. */
  private checkGap(fromUs: number, toUs: number, pending = this.pendingTxs): void {
    const v = this.stall(fromUs, toUs, pending);
    if (v !== undefined) this.violations.push(v);
  }

  /**
   * The first part of [fromUs, toUs] outside every excused interval that is longer than the bound,
   * if any. Each part is judged on its own: the stretch before an excused interval owed progress as
   * much as the one after it, so an excuse later in a wait does not hide a stall earlier in it.
   */
  private stall(fromUs: number, toUs: number, pendingTxs = this.pendingTxs): LivenessViolation | undefined {
    let start = fromUs;
    for (const [a, b] of this.excused) {
      if (a > toUs || b < fromUs) continue;
      const end = Math.min(a, toUs);
      if (end - start > this.boundUs) return { fromUs: start, toUs: end, pendingTxs };
      start = Math.max(start, b);
    }
    return toUs - start > this.boundUs ? { fromUs: start, toUs, pendingTxs } : undefined;
  }
}

/** The longest part of [0, endUs] outside every excused interval (the first of equals); undefined when none is left. */
export function longestWatchedStretch(excused: readonly (readonly [number, number])[], endUs: number): [number, number] | undefined {
  const sorted = [...excused].sort((x, y) => x[0] - y[0]);
  let best: [number, number] | undefined;
  let from = 0;
  const consider = (a: number, b: number): void => {
    if (b > a && (best === undefined || b - a > best[1] - best[0])) best = [a, b];
  };
  for (const [a, b] of sorted) {
    consider(from, Math.min(a, endUs));
    from = Math.max(from, b);
  }
  consider(from, endUs);
  return best;
}
