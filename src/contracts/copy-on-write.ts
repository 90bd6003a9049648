/**
 * State that replicas started from one genesis share entry by entry. Every replica's application is
 * a copy of the genesis state (src/iomt/world.ts); copying the registries of a regional world
 * (36,000 devices, their patients and consents) into each of its 16 replicas cost about 0.3 s of its
 * build and a copy of every map per replica. Sharing whole tables until a holder's first change
 * still gave each replica its own copy of a table at its first key rotation or consent revocation:
 * in regional.yaml's first five simulated minutes the DeviceRegistry and Consent tables grew from
 * 9.4 MB, held once, to 62 MB, held by the genesis state and each replica.
 *
 * A CopyOnWriteMap keeps the entries it shares in a layer no holder changes once it is shared, and
 * each holder's own changes in a layer of its own over it: a replica holds the entries it changed,
 * not the table. No change made by one holder is ever seen by another: replicas still share no
 * mutable state. Entries are never deleted (a revocation replaces a record), and values are never
 * undefined.
 */
export class CopyOnWriteMap<K, V> implements ReadonlyMap<K, V> {
  /** Entries this holder shares with others: never changed once shared. */
  private shared: ReadonlyMap<K, V> = new Map<K, V>();
  /** This holder's entries set since it last shared its value, over `shared`. */
  protected own = new Map<K, V>();
  /** Keys of `own` that `shared` lacks. */
  private added = 0;

  get size(): number {
    return this.shared.size + this.added;
  }

  /** Entries this holder keeps apart from those it shares: what its changes since it last shared cost. */
  get ownSize(): number {
    return this.own.size;
  }

  get(key: K): V | undefined {
    const v = this.own.get(key);
    return v !== undefined ? v : this.shared.get(key);
  }

  has(key: K): boolean {
    return this.own.has(key) || this.shared.has(key);
  }

  set(key: K, value: V): void {
    if (!this.own.has(key) && !this.shared.has(key)) this.added++;
    this.own.set(key, value);
  }

  /**
   * Hold `source`'s entries, shared with it: from now on neither sees the other's changes. The
   * source's own entries join a new shared layer first, once (later sharers of the same source find
   * nothing of its own to merge).
   */
  shareFrom(source: CopyOnWriteMap<K, V>): void {
    source.seal();
    this.shared = source.shared;
    this.own = new Map();
    this.added = 0;
  }

  private seal(): void {
    if (this.own.size === 0) return;
    const merged = new Map(this.shared);
    for (const [k, v] of this.own) merged.set(k, v);
    this.shared = merged;
    this.own = new Map();
    this.added = 0;
  }

  /** In a Map's order: the keys in the order first set, each with its latest value. */
  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.shared) {
      const o = this.own.get(k);
      yield [k, o !== undefined ? o : v];
    }
    if (this.added === 0) return;
    for (const entry of this.own) if (!this.shared.has(entry[0])) yield entry;
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) callback(v, k, this);
  }
}

/** A CopyOnWriteMap of lists appended to: a holder copies a shared list at its first append to it. */
export class CopyOnWriteListMap<K, T> extends CopyOnWriteMap<K, readonly T[]> {
  push(key: K, item: T): void {
    let list = this.own.get(key) as T[] | undefined;
    if (list === undefined) this.set(key, (list = [...(this.get(key) ?? [])]));
    list.push(item);
  }
}
