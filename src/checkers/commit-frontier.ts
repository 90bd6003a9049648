/**
 * The commit frontier: the highest height that every honest replica has committed. A replica commits
 * each height once, in height order (CommitEvent), so no honest commit at or below the frontier can
 * come any more, and what an observer keeps per height, or per transaction committed at a height, up
 * to it can no longer change a verdict. Dropping it there makes the observers' memory depend on how
 * far the slowest honest replica lags, not on the length of the run; a replica that stops committing
 * (crashed, cut off) holds the frontier back, and nothing is dropped until it catches up.
 */
import type { HostId } from '../../sim/index.ts';

export class CommitFrontier {
  private readonly slotOf = new Map<HostId, number>();
  private readonly lastHeight: Float64Array;
  private lowest = -Infinity;

  /** `replicas`: the honest replicas; with none the frontier never moves (nothing is ever dropped). */
  constructor(replicas: readonly HostId[]) {
    replicas.forEach((h, i) => this.slotOf.set(h, i));
    this.lastHeight = new Float64Array(replicas.length).fill(-Infinity);
  }

  /** Every honest replica has committed this height; -Infinity until each has committed one. */
  get height(): number {
    return this.lowest;
  }

  /** The last height `host` committed (-Infinity before its first); undefined for a host outside the replicas. */
  lastHeightOf(host: HostId): number | undefined {
    const slot = this.slotOf.get(host);
    return slot === undefined ? undefined : this.lastHeight[slot];
  }

  /** Each replica's last committed height, in the order the replicas were given. */
  lastHeights(): Iterable<number> {
    return this.lastHeight;
  }

  /** Records `host`'s commit at `height`; true when the frontier moved. Hosts outside the replicas are ignored. */
  advance(host: HostId, height: number): boolean {
    const slot = this.slotOf.get(host);
    if (slot === undefined) return false;
    const was = this.lastHeight[slot]!;
    if (!(height > was)) return false;
    this.lastHeight[slot] = height;
    if (was !== this.lowest) return false;
    let lowest = Infinity;
    for (const h of this.lastHeight) if (h < lowest) lowest = h;
    if (lowest === this.lowest) return false;
    this.lowest = lowest;
    return true;
  }
}

/** Deletes the keys at or below `height` from a map whose keys were inserted in increasing order. */
export function forgetThrough<V>(byHeight: Map<number, V>, height: number, onForget?: (key: number, value: V) => void): void {
  for (const [k, v] of byHeight) {
    if (k > height) break;
    byHeight.delete(k);
    onForget?.(k, v);
  }
}
