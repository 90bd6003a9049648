/**
 * State that replicas started from one genesis share until one of them changes it. Every replica's
 * application is a copy of the genesis state (src/iomt/world.ts); copying the registries of a
 * regional world (36,000 devices, their patients and consents) into each of its 16 replicas cost
 * about 0.3 s of its build and a copy of every map per replica, although most of those maps never
 * change after genesis (bindings of readers, patients and administrators never do).
 *
 * Each holder that shares a value copies it before its first change, the source included, so no
 * change made by one is ever seen by another: replicas still share no mutable state.
 */
export class CopyOnWrite<T> {
  private shared = false;

  constructor(
    private value: T,
    private readonly copy: (value: T) => T,
  ) {}

  /** The value, to read only. */
  get read(): T {
    return this.value;
  }

  /** The value, to change: this holder's own (copied first while shared). */
  get write(): T {
    if (this.shared) {
      this.value = this.copy(this.value);
      this.shared = false;
    }
    return this.value;
  }

  /** Hold `source`'s value, shared with it: whichever of the two changes it first copies it first. */
  shareFrom(source: CopyOnWrite<T>): void {
    this.value = source.value;
    this.shared = true;
    source.shared = true;
  }
}

/** A copy of a map whose values are arrays (each copied too: they are appended to in place). */
export function copyMapOfArrays<K, V>(map: ReadonlyMap<K, readonly V[]>): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const [k, list] of map) out.set(k, [...list]);
  return out;
}
