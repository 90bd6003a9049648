/**
 * Contract-state agreement: after committing the same height, honest replicas hold the same
 * application state (deterministic execution of the same ordered blocks, the premise of state
 * machine replication). Reads `ReplicatedApplication.stateDigest()` right after each commit event;
 * replicas emit the event once the block has executed. In a run split over partitions the replica's
 * partition reads it (`annotate`) and the commit event carries it to the coordinator's checker.
 */
import type { HostId, ModelEvent } from '../../sim/index.ts';
import type { CheckOutcome } from '../metrics/types.ts';
import type { CommitEvent, ReplicatedApplication } from '../protocols/types.ts';
import { CommitFrontier, forgetThrough } from './commit-frontier.ts';
import { ALL_HONEST, describeFirst, type Checker, type HonestPredicate } from './types.ts';

/** A commit event, with the replica's state digest where its partition added it. */
interface DigestedCommit extends CommitEvent {
  readonly stateDigest?: string;
}

export interface StateViolation {
  readonly timeUs: number;
  readonly height: number;
  readonly hosts: readonly [HostId, HostId];
}

export class StateAgreementChecker implements Checker {
  readonly name = 'state-agreement';
  readonly violations: StateViolation[] = [];
  /** Heights with a violation: one each, however many honest replicas differ there (a height is what the metric counts). */
  private readonly divergentHeights = new Set<number>();
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
    const { block, stateDigest } = event as DigestedCommit;
    this.compare(host, block.height, timeUs, stateDigest);
    if (this.frontier.advance(host, block.height)) forgetThrough(this.byHeight, this.frontier.height);
  };

  /** A commit event this checker compares, with the replica's state digest as it is now (see Engine.exportEmitted). */
  readonly annotate = (host: HostId, event: ModelEvent): ModelEvent => {
    if (event.kind !== 'commit' || !this.isHonest(host) || (event as CommitEvent).block.height % this.everyHeights !== 0) return event;
    const app = this.applicationOf(host);
    if (app === undefined) return event;
    const digested: DigestedCommit = { ...(event as CommitEvent), stateDigest: app.stateDigest() };
    return digested;
  };

  /** `carried`: the digest the replica's partition read, in a split run (the application here never ran). */
  private compare(host: HostId, height: number, timeUs: number, carried: string | undefined): void {
    if (height % this.everyHeights !== 0) return;
    let digest = carried;
    if (digest === undefined) {
      const app = this.applicationOf(host);
      if (app === undefined) return;
      digest = app.stateDigest();
    }
    this.compared++;
    const first = this.byHeight.get(height);
    if (first === undefined) {
      this.byHeight.set(height, { digest, host });
      this.heightsCompared++;
    } else if (first.digest !== digest && !this.divergentHeights.has(height)) {
      this.divergentHeights.add(height);
      this.violations.push({ timeUs, height, hosts: [first.host, host] });
    }
  }

  outcome(): CheckOutcome {
    const n = this.violations.length;
    return {
      name: this.name,
      passed: n === 0,
      // A divergence needs two honest replicas' digests at one compared height.
      ...(this.compared === this.heightsCompared ? { couldNotFail: `no compared height's state was read from two honest replicas (${this.heightsCompared} heights read once${this.everyHeights > 1 ? `, one height in ${this.everyHeights} compared` : ''})` } : {}),
      detail: n === 0
        ? `${this.compared} state digests compared at ${this.heightsCompared} heights, all equal`
        : `${n} state divergences: ` + describeFirst(this.violations, (v) => `height ${v.height}: hosts ${v.hosts[0]} and ${v.hosts[1]}`),
    };
  }
}
