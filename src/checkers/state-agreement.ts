/**
 * Contract-state agreement: after committing the same height, honest replicas hold the same
 * application state (deterministic execution of the same ordered blocks, the premise of state
 * machine replication). Reads `ReplicatedApplication.stateDigest()` right after each commit event;
 * replicas emit the event once the block has executed.
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent, ReplicatedApplication } from '../protocols/types.ts';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';
import { ALL_HONEST, describeFirst, type Checker, type HonestPredicate } from './types.ts';

export interface StateViolation {
  readonly timeUs: number;
  readonly height: number;
  readonly hosts: readonly [HostId, HostId];
}

export class StateAgreementChecker implements Checker {
  readonly name = 'state-agreement';
  readonly violations: StateViolation[] = [];
  /** The first honest replica's state digest at each compared height above the commit frontier. */
  private readonly byHeight = new Map<number, { digest: string; host: HostId }>();
  private readonly frontier: CommitFrontier;
  private compared = 0;
  private heightsCompared = 0;

  /**
   * `applicationOf(host)` is the replica's application, or undefined for hosts without one.
   * `everyHeights` compares every k-th height only, for applications whose digest is costly.
   * `honestReplicas`: the replicas whose commits move the commit frontier (none: every height is kept).
   */
  constructor(
    private readonly applicationOf: (host: HostId) => ReplicatedApplication | undefined,
    private readonly isHonest: HonestPredicate = ALL_HONEST,
    private readonly everyHeights = 1,
    honestReplicas: readonly HostId[] = [],
  ) {
    this.frontier = new CommitFrontier(honestReplicas);
  }

  get violationCount(): number {
    return this.violations.length;
  }

  readonly observe = (host: HostId, event: ModelEvent, timeUs: number): void => {
    if (event.kind !== 'commit' || !this.isHonest(host)) return;
    const { block } = event as CommitEvent;
    this.compare(host, block.height, timeUs);
    if (this.frontier.advance(host, block.height)) forgetThrough(this.byHeight, this.frontier.height);
  };

  private compare(host: HostId, height: number, timeUs: number): void {
    if (height % this.everyHeights !== 0) return;
    const app = this.applicationOf(host);
    if (app === undefined) return;
    const digest = app.stateDigest();
    this.compared++;
    const first = this.byHeight.get(height);
    if (first === undefined) {
      this.byHeight.set(height, { digest, host });
      this.heightsCompared++;
    } else if (first.digest !== digest) this.violations.push({ timeUs, height, hosts: [first.host, host] });
  }

  outcome(): CheckOutcome {
    const n = this.violations.length;
    return {
      name: this.name,
      passed: n === 0,
      detail: n === 0
        ? `${this.compared} state digests compared at ${this.heightsCompared} heights, all equal`
        : `${n} state divergences: ` + describeFirst(this.violations, (v) => `height ${v.height}: hosts ${v.hosts[0]} and ${v.hosts[1]}`),
    };
  }
}
