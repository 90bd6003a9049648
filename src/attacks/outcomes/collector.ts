/**
 * Outcome metrics of the consensus and network attacks, computed from what the replicas and clients
 * reported and judged against the ground truth:
 * - attack.conflicting_commits: heights at which two honest replicas committed different blocks;
 * - attack.censorship_delay_ms.{mean,p95}: first honest commit minus submission, for transactions of
 *   censored clients submitted during a censorship window; attack.censored_uncommitted: those never
 *   committed;
 * - attack.legit_latency_ms.p95: client-confirmed latency of legitimate transactions submitted while
 *   any attack was active: those of no host and no transaction any attack labelled (its attackers'
 *   and victims' hosts, its own transactions), in this plan's ground truth or the device attacks'
 *   own (src/attacks/iomt/runtime.ts). Judged once the run is over, against every label recorded
 *   by then: an attack may learn only later that a transaction was its own (a grant it waited on);
 * - attack.max_commit_gap_ms: the longest time transactions waited without an honest commit that
 *   settled one of them (or first committed one its client gave up on), once the first attack
 *   started (how long progress stopped). A block that
 *   carries no waiting transaction is no progress: HotStuff proposes a node every view and Clique
 *   seals a block every period, empty or not, so the chain grows while no client is served.
 */
import type { HostId, ModelEvent } from '../../../sim/index.ts';
import type { Block, Transaction } from '../../ledger/types.ts';
import type { Metrics } from '../../metrics/types.ts';
import type { GroundTruth } from '../ground-truth.ts';
import type { AttackWorld } from '../types.ts';
import { isActive, type AttackWindow } from '../window.ts';
import { mean, quantileInterpolated } from '../../stats/index.ts';
import { WaitingTransactions } from '../../checkers/waiting-transactions.ts';
import type { SubmitEvent, TimedOutEvent } from '../../protocols/types.ts';

interface CommitLike extends ModelEvent {
  readonly block?: Block;
}
interface ConfirmedLike extends ModelEvent {
  readonly tx?: Transaction;
}

export class AttackOutcomes {
  private readonly hashAtHeight = new Map<number, string>();
  private readonly conflictingHeights = new Set<number>();
  private readonly firstCommitUs = new Map<number, number>();
  private readonly censorshipDelaysMs: number[] = [];
  /** Confirmations of transactions submitted while an attack was active: sender, id and latency (ms), judged at the end. */
  private readonly confirmedSenders: number[] = [];
  private readonly confirmedIds: number[] = [];
  private readonly confirmedLatenciesMs: number[] = [];
  /** Transactions submitted and not yet committed by an honest replica, given up by their client, nor past their lifetime. */
  private readonly waiting: WaitingTransactions;
  /** Start of the current wait: the last commit that settled a waiting transaction, or when work appeared after none waited. */
  private waitFromUs = 0;
  private maxGapUs = 0;
  private readonly firstAttackUs: number;

  constructor(
    private readonly world: AttackWorld,
    private readonly truth: GroundTruth,
    private readonly specs: readonly AttackWindow[],
    /** Metric names the run's attacks declare; an attack-specific group is reported when one is declared. */
    private readonly reported: ReadonlySet<string>,
    /** The run's other ground truths (the device attacks'), whose host and transaction labels are no legitimate traffic either. */
    private readonly others: readonly GroundTruth[] = [],
  ) {
    this.firstAttackUs = specs.length === 0 ? Infinity : Math.min(...specs.map((s) => s.start));
    this.waiting = new WaitingTransactions(world.txLifetimeUs);
    world.engine.observe((host, event, timeUs) => {
      this.waiting.expireThrough(timeUs, this.waitEnds);
      if (event.kind === 'submit') this.onSubmit((event as SubmitEvent).tx, timeUs);
      else if (event.kind === 'commit') this.onCommit(host, (event as CommitLike).block, timeUs);
      else if (event.kind === 'confirmed') this.onConfirmed((event as ConfirmedLike).tx, timeUs);
      else if (event.kind === 'timed-out') this.waiting.abandon((event as TimedOutEvent).tx.id, timeUs, this.waitEnds);
    });
  }

  private onSubmit(tx: Transaction, timeUs: number): void {
    if (this.waiting.count === 0) this.waitFromUs = timeUs;
    this.waiting.submit(tx);
  }

  /** The current wait ends at `atUs` (a commit that settles a waiting transaction, or the last one's deadline or giving up). */
  private readonly waitEnds = (atUs: number): void => {
    const gap = this.gapUntil(atUs);
    if (gap > this.maxGapUs) this.maxGapUs = gap;
  };

  /** How long the current wait has lasted at `atUs` since the first attack started. */
  private gapUntil(atUs: number): number {
    const since = Math.max(this.waitFromUs, this.firstAttackUs);
    return atUs > since ? atUs - since : 0;
  }

  private onCommit(host: HostId, block: Block | undefined, timeUs: number): void {
    // A Byzantine replica's reports are not evidence: safety is judged on the honest ones.
    if (block === undefined || this.isByzantine(host)) return;
    const seen = this.hashAtHeight.get(block.height);
    if (seen === undefined) this.hashAtHeight.set(block.height, block.hash);
    else if (seen !== block.hash) this.conflictingHeights.add(block.height);
    // Another honest replica's commit of a block already seen settles nothing more.
    if (seen !== block.hash && this.waiting.settle(block.txs) > 0) {
      this.waitEnds(timeUs);
      this.waitFromUs = timeUs;
    }
    for (const tx of block.txs) {
      if (this.firstCommitUs.has(tx.id)) continue;
      this.firstCommitUs.set(tx.id, timeUs);
      if (this.isCensoredAt(tx.sender, tx.submittedUs)) this.censorshipDelaysMs.push((timeUs - tx.submittedUs) / 1000);
    }
  }

  private onConfirmed(tx: Transaction | undefined, timeUs: number): void {
    if (tx === undefined) return;
    if (!this.anyAttackActive(tx.submittedUs)) return;
    this.confirmedSenders.push(tx.sender);
    this.confirmedIds.push(tx.id);
    this.confirmedLatenciesMs.push((timeUs - tx.submittedUs) / 1000);
  }

  /** Whether an attack labelled the transaction or its sender (any role, at any time), in any of the run's ground truths. */
  private isLabelled(sender: HostId, id: number): boolean {
    if (this.truth.has('host', sender) || this.truth.has('tx', id)) return true;
    for (const t of this.others) if (t.has('host', sender) || t.has('tx', id)) return true;
    return false;
  }

  private legitLatenciesMs(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.confirmedIds.length; i++) if (!this.isLabelled(this.confirmedSenders[i]!, this.confirmedIds[i]!)) out.push(this.confirmedLatenciesMs[i]!);
    return out;
  }

  private isByzantine(host: HostId): boolean {
    for (const l of this.truth.of('host', host)) if (l.role === 'byzantine-replica') return true;
    return false;
  }

  private isCensoredAt(sender: HostId, timeUs: number): boolean {
    for (const l of this.truth.of('host', sender)) {
      if (l.role === 'censored-client' && timeUs >= l.fromUs && timeUs < l.toUs) return true;
    }
    return false;
  }

  private anyAttackActive(timeUs: number): boolean {
    for (const s of this.specs) if (isActive(s, timeUs)) return true;
    return false;
  }

  /**
   * `otherLabels`: the labels the run's attacks recorded in ground truths other than this one (the
   * device attacks', src/attacks/iomt/runtime.ts), counted in attack.labels with this one's.
   */
  metrics(otherLabels = 0): Metrics {
    const censoredSeen = new Set(this.truth.all('tx', 'censored').map((l) => l.id as number));
    let uncommitted = 0;
    for (const id of censoredSeen) if (!this.firstCommitUs.has(id)) uncommitted++;
    const endUs = this.world.engine.nowUs;
    this.waiting.expireThrough(endUs, this.waitEnds);
    // A wait still open at the end counts up to the end, without ending it: asking twice gives the same value.
    const gapUs = this.waiting.count > 0 ? Math.max(this.maxGapUs, this.gapUntil(endUs)) : this.maxGapUs;
    const m: Metrics = {
      'attack.conflicting_commits': { unit: 'count', value: this.conflictingHeights.size },
      'attack.byzantine_replicas': { unit: 'count', value: this.truth.byzantineHosts().length },
      'attack.labels': { unit: 'count', value: this.truth.size + otherLabels },
      'attack.max_commit_gap_ms': { unit: 'ms', value: this.firstAttackUs === Infinity ? 0 : gapUs / 1000 },
    };
    // Metrics without a sample are left out rather than reported as a number nobody measured.
    if (this.reported.has('attack.censored_uncommitted')) {
      m['attack.censored_uncommitted'] = { unit: 'tx', value: uncommitted };
      if (this.censorshipDelaysMs.length > 0) {
        m['attack.censorship_delay_ms.mean'] = { unit: 'ms', value: mean(this.censorshipDelaysMs) };
        // The estimator of every other .p95 (Hyndman & Fan type 7): comparable with consensus latencies.
        m['attack.censorship_delay_ms.p95'] = { unit: 'ms', value: quantileInterpolated(this.censorshipDelaysMs, 0.95) };
      }
    }
    const legit = this.legitLatenciesMs();
    if (legit.length > 0) m['attack.legit_latency_ms.p95'] = { unit: 'ms', value: quantileInterpolated(legit, 0.95) };
    return m;
  }
}
