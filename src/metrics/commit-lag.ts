/**
 * How far the slowest honest replica trails: for each block height, the time from its first honest
 * commit to its commit at each other honest replica, and for a height a replica has not committed by
 * the end, the time from its first honest commit to the end. Its maximum is the run's replica lag.
 *
 * The liveness checker asks that clients get their replies, which a quorum gives without the
 * replicas left behind; a correct replica can sit out the rest of a run (a lone view change in PBFT,
 * §4.5.2 of Castro & Liskov 1999 needs f + 1 to move the others) and this is where it shows.
 * Crashed or cut-off replicas count too: they trail for as long as they are down or cut off.
 */
import type { HostId } from '../../sim/index.ts';
import { CommitFrontier, forgetThrough } from '../checkers/commit-frontier.ts';

export class CommitLag {
  /** When each height above the commit frontier was first committed by an honest replica, µs. */
  private readonly firstCommitUs = new Map<number, number>();
  /** Also each replica's last committed height. */
  private readonly frontier: CommitFrontier;
  private maxLagUs = 0;

  /** `replicas`: the honest replicas; `fromUs`: only heights first committed at or after it count. */
  constructor(replicas: readonly HostId[], private readonly fromUs: number) {
    this.frontier = new CommitFrontier(replicas);
  }

  /** `host` committed `height` at `timeUs`; hosts outside the honest replicas are ignored. */
  commit(host: HostId, height: number, timeUs: number): void {
    const was = this.frontier.lastHeightOf(host);
    if (was === undefined || !(height > was)) return;
    const first = this.firstCommitUs.get(height);
    if (first === undefined) this.firstCommitUs.set(height, timeUs);
    else if (first >= this.fromUs && timeUs - first > this.maxLagUs) this.maxLagUs = timeUs - first;
    if (this.frontier.advance(host, height)) forgetThrough(this.firstCommitUs, this.frontier.height);
  }

  /** The highest height every honest replica has committed (commit-frontier.ts). */
  get frontierHeight(): number {
    return this.frontier.height;
  }

  /** The largest lag up to `endUs`, counting the heights each replica has not committed by then, µs. */
  maxUs(endUs: number): number {
    let max = this.maxLagUs;
    for (const height of this.frontier.lastHeights()) {
      // The first height above this replica's own that another replica committed in the window: it
      // has waited since then (first commits come in height order, so the map's order).
      for (const [h, first] of this.firstCommitUs) {
        if (h <= height || first < this.fromUs) continue;
        if (endUs - first > max) max = endUs - first;
        break;
      }
    }
    return max;
  }
}
