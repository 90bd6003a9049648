/**
 * Liveness: while transactions wait to commit, the committed height advances at least once every
 * `boundUs`, except during intervals the fault model does not cover (partitions, more than f
 * faults), which the run model or an attack declares with `excuse`. After an excused interval the
 * bound runs again from its end: progress must resume (TigerBeetle's liveness phase).
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent, SubmitEvent } from '../protocols/types.ts';
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
  private readonly pending = new Set<number>();
  private readonly committedBlocks = new Set<string>();
  /** Start of the current wait: the last progress, or when work appeared after none was waiting. */
  private waitFromUs = 0;

  constructor(readonly boundUs: number, private readonly isHonest: HonestPredicate = ALL_HONEST) {
    if (!(boundUs > 0)) throw new RangeError(`liveness bound must be positive, found ${boundUs}`);
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
      if (this.pending.size === 0) this.waitFromUs = timeUs;
      this.pending.add((event as SubmitEvent).tx.id);
    } else if (event.kind === 'commit' && this.isHonest(host)) {
      const { block } = event as CommitEvent;
      if (this.committedBlocks.has(block.hash)) return;
      this.committedBlocks.add(block.hash);
      if (this.pending.size > 0) this.checkGap(this.waitFromUs, timeUs);
      this.waitFromUs = timeUs;
      for (const tx of block.txs) this.pending.delete(tx.id);
    }
  };

  outcome(endUs: number): CheckOutcome {
    // Work still waiting at the end counts as a stall up to the end; computed without recording it,
    // so asking twice gives the same verdict.
    const tail = this.pending.size > 0 ? this.stall(this.waitFromUs, endUs) : undefined;
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
    return this.violations.length + (this.pending.size > 0 && this.stall(this.waitFromUs, endUs) !== undefined ? 1 : 0);
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
    return toUs - start > this.boundUs ? { fromUs: start, toUs, pendingTxs: this.pending.size } : undefined;
  }
}
