/**
 * Safety (agreement): no two honest replicas commit different blocks at the same height, and no
 * honest replica commits two blocks at one height. The PBFT safety property (Castro & Liskov 1999,
 * §4.1: requests execute in the same order at all non-faulty replicas), Raft's State Machine
 * Safety (Ongaro & Ousterhout 2014, §5.4.3), and finality for the chain protocols.
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent } from '../protocols/types.ts';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';
import { ALL_HONEST, describeFirst, type Checker, type HonestPredicate } from './types.ts';

export interface SafetyViolation {
  readonly timeUs: number;
  readonly height: number;
  /** The replica that committed first, and the one that disagreed. */
  readonly hosts: readonly [HostId, HostId];
  readonly hashes: readonly [string, string];
}

export class SafetyChecker implements Checker {
  readonly name = 'safety';
  readonly violations: SafetyViolation[] = [];
  /** The first honest commit at each height above the commit frontier. */
  private readonly byHeight = new Map<number, { hash: string; host: HostId }>();
  private readonly conflictingHeights = new Set<number>();
  private readonly frontier: CommitFrontier;
  private heightsCommitted = 0;
  /** Honest commits at a height some honest replica had committed already: the comparisons that could find a conflict. */
  private repeatCommits = 0;

  /** `honestReplicas`: the replicas whose commits move the commit frontier (none: every height is kept). */
  constructor(private readonly isHonest: HonestPredicate = ALL_HONEST, honestReplicas: readonly HostId[] = []) {
    this.frontier = new CommitFrontier(honestReplicas);
  }

  get violationCount(): number {
    return this.conflictingHeights.size;
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (event.kind !== 'commit' || !this.isHonest(host)) return;
    const { block } = event as CommitEvent;
    const first = this.byHeight.get(block.height);
    if (first === undefined) {
      this.byHeight.set(block.height, { hash: block.hash, host });
      this.heightsCommitted++;
    } else {
      this.repeatCommits++;
      if (first.hash !== block.hash) {
        this.conflictingHeights.add(block.height);
        this.violations.push({ timeUs, height: block.height, hosts: [first.host, host], hashes: [first.hash, block.hash] });
      }
    }
    if (this.frontier.advance(host, block.height)) forgetThrough(this.byHeight, this.frontier.height);
  };

  outcome(): CheckOutcome {
    const n = this.violationCount;
    return {
      name: this.name,
      passed: n === 0,
      // A conflict needs a second honest commit at some height.
      ...(this.repeatCommits === 0 ? { couldNotFail: `no height was committed twice by honest replicas (${this.heightsCommitted} heights committed once), so no two commits could disagree` } : {}),
      detail: n === 0
        ? `${this.heightsCommitted} heights committed, no conflicts`
        : `${n} height${n === 1 ? '' : 's'} with conflicting commits, ${this.violations.length} commit${this.violations.length === 1 ? '' : 's'} unlike the first at ${n === 1 ? 'it' : 'their height'}: ` +
          describeFirst(this.violations, (v) => `height ${v.height} at ${v.timeUs / 1e6} s: host ${v.hosts[0]} ${v.hashes[0].slice(0, 12)} vs host ${v.hosts[1]} ${v.hashes[1].slice(0, 12)}`),
    };
  }
}
