/**
 * Messages and model events that cross from one thread to another (sim/threads/) travel by
 * structured clone, which copies own data and drops prototypes: an instance of a class arrives as a
 * plain object without its methods and accessors. A class whose instances may cross registers how
 * to take one apart and put it back together (`definePortable`); `toPortable` replaces each such
 * instance in a message by its data, and `fromPortable` rebuilds it on the other side. Objects
 * shared within one batch stay shared (both passes keep a map from each object to its copy).
 *
 * An instance of a class that did not register is refused by name rather than delivered broken.
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

/** A copy of `x` in which every instance of a registered class is replaced by its data. */
export function toPortable(x: unknown, memo: Map<object, unknown> = new Map()): unknown {
  if (x === null || typeof x !== 'object') return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    memo.set(x, out);
    for (let i = 0; i < x.length; i++) out.push(toPortable(x[i], memo));
    return out;
  }
  if (x instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(x, out);
    for (const [k, v] of x) out.set(toPortable(k, memo), toPortable(v, memo));
    return out;
  }
  if (x instanceof Set) {
    const out = new Set<unknown>();
    memo.set(x, out);
    for (const v of x) out.add(toPortable(v, memo));
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
    memo.set(x, wrapper);
    wrapper.data = toPortable(cls.toData(x), memo);
    return wrapper;
  }
  const out: Record<string, unknown> = {};
  memo.set(x, out);
  for (const k of Object.keys(x)) out[k] = toPortable((x as Record<string, unknown>)[k], memo);
  return out;
}

/** Undo `toPortable` on a structured clone of its result: rebuild registered instances, in place. */
export function fromPortable(x: unknown, memo: Map<object, unknown> = new Map()): unknown {
  if (x === null || typeof x !== 'object') return x;
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(x)) return x;
  if (Array.isArray(x)) {
    memo.set(x, x);
    for (let i = 0; i < x.length; i++) x[i] = fromPortable(x[i], memo);
    return x;
  }
  if (x instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(x, out);
    for (const [k, v] of x) out.set(fromPortable(k, memo), fromPortable(v, memo));
    return out;
  }
  if (x instanceof Set) {
    const out = new Set<unknown>();
    memo.set(x, out);
    for (const v of x) out.add(fromPortable(v, memo));
    return out;
  }
  const record = x as Record<string, unknown>;
  const name = record[PORTABLE];
  if (typeof name === 'string') {
    const cls = byName.get(name);
    if (cls === undefined) throw new TypeError(`a message crossing threads holds an instance of portable class '${name}', which this thread has not loaded`);
    const rebuilt = cls.fromData(fromPortable(record.data, memo));
    memo.set(x, rebuilt);
    return rebuilt;
  }
  memo.set(x, x);
  for (const k of Object.keys(record)) record[k] = fromPortable(record[k], memo);
  return x;
}
