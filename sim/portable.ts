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
 * Identity survives too (`CrossingIdentity`): models compare messages by identity (a replica
 * recognises a VIEW-CHANGE it already accepted when a NEW-VIEW carries it back), so every object
 * that crosses gets an id, the same on every side, and an object that comes back, or comes again,
 * is the one already there. Messages are immutable, so the one already there is up to date.
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
 * One thread's side of the ids of objects that cross threads. An id is given where an object first
 * crosses (its origin's ids are origin · 2^32 + a counter); an object that arrives with an id this
 * side knows is replaced by the object it knows, if that is still alive. One that was collected
 * cannot be compared with anything here, so rebuilding it instead changes no result.
 */
export class CrossingIdentity {
  private readonly idOf = new WeakMap<object, number>();
  private readonly byId = new Map<number, WeakRef<object>>();
  private readonly forget = new FinalizationRegistry<number>((id) => {
    if (this.byId.get(id)?.deref() === undefined) this.byId.delete(id);
  });
  private next: number;

  constructor(origin: number) {
    this.next = origin * 2 ** 32;
  }

  stamp(x: object): number {
    const known = this.idOf.get(x);
    if (known !== undefined) return known;
    const id = this.next++;
    this.adopt(id, x);
    return id;
  }

  find(id: number): object | undefined {
    return this.byId.get(id)?.deref();
  }

  adopt(id: number, x: object): void {
    this.idOf.set(x, id);
    this.byId.set(id, new WeakRef(x));
    this.forget.register(x, id);
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
 * `identity`, every object (not arrays) carries its crossing id.
 */
export function toPortable(x: unknown, identity?: CrossingIdentity, memo: Map<object, unknown> = new Map()): unknown {
  if (x === null || typeof x !== 'object') return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    memo.set(x, out);
    for (let i = 0; i < x.length; i++) out.push(toPortable(x[i], identity, memo));
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
    if (identity !== undefined) wrapper[IDENTITY] = identity.stamp(x);
    memo.set(x, wrapper);
    wrapper.data = toPortable(cls.toData(x), identity, memo);
    return wrapper;
  }
  const out: Record<string, unknown> = {};
  const id = identity?.stamp(x);
  memo.set(x, out);
  for (const k of Object.keys(x)) out[k] = toPortable((x as Record<string, unknown>)[k], identity, memo);
  // Last: the receiver deletes it, and V8 keeps an object's fast properties only when the property
  // deleted is the last one added; deleting an earlier one turns the whole message into a dictionary.
  if (id !== undefined) out[IDENTITY] = id;
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
    for (let i = 0; i < x.length; i++) x[i] = fromPortable(x[i], identity, memo);
    return x;
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
    rebuilt = x;
  }
  if (typeof id === 'number' && identity !== undefined) identity.adopt(id, rebuilt);
  return rebuilt;
}
