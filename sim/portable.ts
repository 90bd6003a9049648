/**
 * Messages and model events that cross from one thread to another (sim/threads/) travel by
 * structured clone, which copies own data and drops prototypes: an instance of a class arrives as a
 * plain object without its methods and accessors. A class whose instances may cross registers how
 * to take one apart and put it back together (`definePortable`); `toPortable` replaces each such
 * instance in a message by its data, and `fromPortable` rebuilds it on the other side. Objects
 * shared within one batch stay shared (both passes keep a map from each object to its copy).
 *
 * An instance of a class that did not register is refused by name rather than delivered broken.
 *
 * Identity survives too (`CrossingIdentity`) for frozen objects: models compare immutable messages
 * by identity (a replica recognises a VIEW-CHANGE it already accepted when a NEW-VIEW carries it
 * back, and caches a block's or a signature's check on the frozen object every receiver shares), so
 * a frozen object that crosses gets an id, the same on every side, and one that comes back, or
 * comes again, is the one already there. An object that is not frozen is mutable, and actors share
 * no mutable state (docs/architecture.md): its receiver owns the copy it got, and no model compares
 * it by identity with another. Giving every object an id cost more than the rest of the crossing:
 * hotstuff.yaml on two threads for 120 simulated s took 33.5 s and 1.6 GB with ids on every object
 * (its votes, proposals and replies are not frozen), 13.6 s and 0.7 GB with ids on frozen ones only.
 */

interface PortableClass {
  readonly name: string;
  toData(x: object): unknown;
  fromData(data: unknown): object;
}

const byPrototype = new Map<object, PortableClass>();
const byName = new Map<string, PortableClass>();

/** Key of the wrapper that stands for an instance of a registered class. */
const PORTABLE = '__iomtsimPortable';
/** Key that carries an object's crossing id in its portable form. */
const IDENTITY = '__iomtsimId';
/**
 * Key present (1) on the portable form of a frozen object or array. Structured clone copies
 * unfrozen, and models cache a verdict only on frozen messages (a block's Merkle root, a signature
 * check: src/ledger/block.ts, src/ledger/crypto.ts), so without it every replica of a partition
 * recomputed what one thread computes once (hotstuff.yaml on two threads: 7 % of each thread).
 */
const FROZEN = '__iomtsimFrozen';

/** What `toPortable` needs of a side's ids: the id an object crosses with. */
export interface CrossingStamps {
  stamp(x: object): number;
}

/** An id is its origin · 2^32 + the origin's counter. */
const ORIGIN_SPAN = 2 ** 32;
/** Holds between two sweeps beyond the table's size after the last (see `CrossingIdentity.sweep`). */
const SWEEP_AFTER_HOLDS = 4096;

/**
 * One thread's side of the ids of objects that cross threads. An id is given where an object first
 * crosses (its origin's ids are origin · 2^32 + a counter); an object that arrives with an id this
 * side knows is replaced by the object it knows, if that is still alive. One that was collected
 * cannot be compared with anything here, so rebuilding it instead changes no result.
 *
 * Finding an object by its id takes a WeakRef, and V8 clears WeakRefs only in a full collection, so
 * every object so held outlives the young generation. What a table of them keeps between two full
 * collections must stay small beside what the thread allocates, or each full collection leaves a
 * larger heap and V8 lets the next one wait longer: with a finalization registration per object
 * (a second weak cell, emptied only by a task after the collection) and heap-number keys, a
 * partition of hotstuff.yaml on two threads left 143 MB after one full collection and 270 MB after
 * the next, with 63 MB live. So: only what can come back is held (what is sent to a peer, `stamp`,
 * and what arrives, `adopt`; what goes one way, to the coordinator, which never sends anything
 * back, carries its id unheld, `oneWay`); keys are the origin's counter, small integers in a table
 * per origin; and collected entries are swept in one pass after a full collection (`sweep`).
 */
export class CrossingIdentity implements CrossingStamps {
  private readonly idOf = new WeakMap<object, number>();
  /** By origin, by the origin's counter. */
  private readonly byOrigin: Map<number, WeakRef<object>>[] = [];
  /** Set by the finalizer of an object held by nothing (see `sweep`): a full collection ran. */
  private collected = false;
  private readonly collections = new FinalizationRegistry<undefined>(() => {
    this.collected = true;
  });
  private heldSinceSweep = 0;
  private sizeAfterSweep = 0;
  private next: number;
  /** Ids for what crosses one way, to a side that never sends it back. */
  readonly oneWay: CrossingStamps = { stamp: (x) => this.idFor(x) };

  constructor(origin: number) {
    this.next = origin * ORIGIN_SPAN;
    this.collections.register({}, undefined);
  }

  /** The id `x` crosses with; it may come back, so this side can find it by the id from now on. */
  stamp(x: object): number {
    const id = this.idFor(x);
    // A known object may have gone only one way so far.
    if (this.find(id) !== x) this.hold(id, x);
    return id;
  }

  find(id: number): object | undefined {
    const origin = Math.floor(id / ORIGIN_SPAN);
    return this.byOrigin[origin]?.get(id - origin * ORIGIN_SPAN)?.deref();
  }

  adopt(id: number, x: object): void {
    this.idOf.set(x, id);
    this.hold(id, x);
  }

  /** Entries held now (alive, or collected and awaiting a sweep). */
  get size(): number {
    let n = 0;
    for (const table of this.byOrigin) n += table?.size ?? 0;
    return n;
  }

  private idFor(x: object): number {
    let id = this.idOf.get(x);
    if (id === undefined) {
      id = this.next++;
      this.idOf.set(x, id);
    }
    return id;
  }

  private hold(id: number, x: object): void {
    if (++this.heldSinceSweep > this.sizeAfterSweep + SWEEP_AFTER_HOLDS && this.collected) this.sweep();
    const origin = Math.floor(id / ORIGIN_SPAN);
    const table = (this.byOrigin[origin] ??= new Map());
    table.set(id - origin * ORIGIN_SPAN, new WeakRef(x));
  }

  /**
   * Drop the entries whose objects a full collection took: only once one has run (a sentinel's
   * WeakRef cannot tell, since `deref` keeps its target alive to the end of the task; a finalizer
   * can), and only after as many holds as the table kept at the last sweep, so that each hold pays
   * a bounded share of a pass over the table.
   */
  private sweep(): void {
    for (const table of this.byOrigin) {
      if (table === undefined) continue;
      for (const [key, ref] of table) if (ref.deref() === undefined) table.delete(key);
    }
    this.collected = false;
    this.collections.register({}, undefined);
    this.heldSinceSweep = 0;
    this.sizeAfterSweep = this.size;
  }
}

/**
 * Let instances of `ctor` cross threads: `toData` returns what rebuilds one (anything structured
 * clone copies, itself made portable), `fromData` rebuilds it. Called once, where the class is
 * defined, so every thread that loads the class has registered it.
 */
export function definePortable<T extends object>(name: string, ctor: abstract new (...args: never[]) => T, toData: (x: T) => unknown, fromData: (data: unknown) => T): void {
  const entry: PortableClass = { name, toData: toData as (x: object) => unknown, fromData };
  const known = byName.get(name);
  if (known !== undefined && byPrototype.get(ctor.prototype as object) !== known) throw new Error(`portable class '${name}' is defined twice`);
  byName.set(name, entry);
  byPrototype.set(ctor.prototype as object, entry);
}

/**
 * A copy of `x` in which every instance of a registered class is replaced by its data; with
 * `identity`, every frozen object (not arrays) carries its crossing id.
 */
export function toPortable(x: unknown, identity?: CrossingStamps, memo: Map<object, unknown> = new Map()): unknown {
  if (x === null || typeof x !== 'object') return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    memo.set(x, out);
    for (let i = 0; i < x.length; i++) out.push(toPortable(x[i], identity, memo));
    if (Object.isFrozen(x)) (out as unknown as Record<string, unknown>)[FROZEN] = 1;
    return out;
  }
  if (x instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(x, out);
    for (const [k, v] of x) out.set(toPortable(k, identity, memo), toPortable(v, identity, memo));
    return out;
  }
  if (x instanceof Set) {
    const out = new Set<unknown>();
    memo.set(x, out);
    for (const v of x) out.add(toPortable(v, identity, memo));
    return out;
  }
  const proto = Object.getPrototypeOf(x) as object | null;
  if (proto !== Object.prototype && proto !== null) {
    const cls = byPrototype.get(proto);
    if (cls === undefined) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'anonymous';
      throw new TypeError(`a message crossing threads holds an instance of class ${name}, which has not been made portable (definePortable in sim/portable.ts)`);
    }
    const wrapper: Record<string, unknown> = { [PORTABLE]: cls.name };
    if (identity !== undefined && Object.isFrozen(x)) wrapper[IDENTITY] = identity.stamp(x);
    memo.set(x, wrapper);
    wrapper.data = toPortable(cls.toData(x), identity, memo);
    return wrapper;
  }
  const out: Record<string, unknown> = {};
  const frozen = Object.isFrozen(x);
  const id = identity !== undefined && frozen ? identity.stamp(x) : undefined;
  memo.set(x, out);
  for (const k of Object.keys(x)) out[k] = toPortable((x as Record<string, unknown>)[k], identity, memo);
  // Last: the receiver deletes them, and V8 keeps an object's fast properties only when the property
  // deleted is the last one added; deleting an earlier one turns the whole message into a dictionary.
  if (id !== undefined) out[IDENTITY] = id;
  if (frozen) out[FROZEN] = 1;
  return out;
}

/**
 * Undo `toPortable` on a structured clone of its result: rebuild registered instances, in place;
 * with `identity`, an object whose id this side knows is the object it knows.
 */
export function fromPortable(x: unknown, identity?: CrossingIdentity, memo: Map<object, unknown> = new Map()): unknown {
  if (x === null || typeof x !== 'object') return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) {
    memo.set(x, x);
    const marks = x as unknown as Record<string, unknown>;
    const frozen = marks[FROZEN] === 1;
    if (frozen) delete marks[FROZEN];
    for (let i = 0; i < x.length; i++) x[i] = fromPortable(x[i], identity, memo);
    return frozen ? Object.freeze(x) : x;
  }
  if (x instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(x, out);
    for (const [k, v] of x) out.set(fromPortable(k, identity, memo), fromPortable(v, identity, memo));
    return out;
  }
  if (x instanceof Set) {
    const out = new Set<unknown>();
    memo.set(x, out);
    for (const v of x) out.add(fromPortable(v, identity, memo));
    return out;
  }
  const record = x as Record<string, unknown>;
  const frozen = record[FROZEN] === 1;
  if (frozen) delete record[FROZEN];
  const id = record[IDENTITY];
  if (typeof id === 'number') {
    delete record[IDENTITY];
    const known = identity?.find(id);
    if (known !== undefined) {
      memo.set(x, known);
      return known;
    }
  }
  const name = record[PORTABLE];
  let rebuilt: object;
  if (typeof name === 'string') {
    const cls = byName.get(name);
    if (cls === undefined) throw new TypeError(`a message crossing threads holds an instance of portable class '${name}', which this thread has not loaded`);
    rebuilt = cls.fromData(fromPortable(record.data, identity, memo));
    memo.set(x, rebuilt);
  } else {
    memo.set(x, x);
    for (const k of Object.keys(record)) record[k] = fromPortable(record[k], identity, memo);
    rebuilt = frozen ? Object.freeze(x) : x;
  }
  if (typeof id === 'number' && identity !== undefined) identity.adopt(id, rebuilt);
  return rebuilt;
}
