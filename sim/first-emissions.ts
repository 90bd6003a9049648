/** What `emitFirst` keys an event by within its kind: a transaction's id, a request's. */
export type EmitKey = string | number;

/**
 * The (event kind, key) pairs a run has already reported through `emitFirst`. Some events every
 * replica reports alike (the outcome of a transaction each executes); observers need the first
 * only, at its time. One engine shows them that one. A partitioned run keeps a set in each
 * partition (a key one of its own hosts reported before cannot be the run's first) and one more
 * where the coordinator merges the partitions' events in the global order, so observers see the
 * same events for any thread count.
 */
export class FirstEmissions {
  private readonly byKind = new Map<string, Set<EmitKey>>();

  /** Whether (kind, key) comes for the first time; from now on it does not. */
  admit(kind: string, key: EmitKey): boolean {
    let seen = this.byKind.get(kind);
    if (seen === undefined) this.byKind.set(kind, (seen = new Set()));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }
}
