/**
 * Structural questions about a zod schema, answered by walking its definition: which keys an
 * object accepts at a path, and whether a dotted path names a field at all (for `--set` and
 * `--vary`, where an unknown path must be an error rather than a silently ignored override).
 */
import type { z } from 'zod';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  /** A discriminated union's tag field. */
  readonly discriminator?: string;
  /** A literal's values. */
  readonly values?: readonly unknown[];
}

/** A key no scenario mapping may have: assigning it would set the object's prototype, not a field. */
export function isReservedKey(key: PropertyKey): boolean {
  return key === '__proto__';
}

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strip wrappers that do not change the shape of the input (defaults, optionals, pipes). */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if ((d.type === 'default' || d.type === 'optional' || d.type === 'nullable' || d.type === 'prefault' || d.type === 'readonly') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** The value of `key` in `value` when it is an own property, else undefined. */
function child(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The options of a discriminated union that match `value`'s discriminator (all of them when none does, or when there is no value). */
function matchingOptions(d: Def, value: unknown): readonly z.ZodType[] {
  const options = d.options ?? [];
  const key = d.discriminator;
  if (key === undefined) return options;
  const tag = child(value, key);
  if (tag === undefined) return options;
  const matching = options.filter((o) => {
    const od = def(unwrap(o));
    const literal = od.type === 'object' && od.shape !== undefined && Object.hasOwn(od.shape, key) ? def(unwrap(od.shape[key]!)) : undefined;
    return literal?.values?.includes(tag) ?? false;
  });
  return matching.length > 0 ? matching : options;
}

/**
 * The schemas a path can lead to (unions fan out, to the variant `value` selects where it is a
 * discriminated union's), or [] when no branch accepts it. `value` is the input at this point, if known.
 */
function resolve(schema: z.ZodType, path: readonly string[], value?: unknown): z.ZodType[] {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type === 'union') return matchingOptions(d, value).flatMap((o) => resolve(o, path, value));
  if (path.length === 0) return [s];
  const [head, ...rest] = path as [string, ...string[]];
  const next = child(value, head);
  switch (d.type) {
    case 'object': {
      // Own keys only: `toString`, `constructor` or `__proto__` name no field.
      const field = d.shape !== undefined && Object.hasOwn(d.shape, head) ? d.shape[head] : undefined;
      return field ? resolve(field, rest, next) : [];
    }
    case 'array':
      return /^\d+$/.test(head) && d.element ? resolve(d.element, rest, next) : [];
    case 'record':
      // `__proto__` cannot be a key of a JavaScript object: zod drops it from a record.
      return d.valueType && !isReservedKey(head) ? resolve(d.valueType, rest, next) : [];
    default:
      return [];
  }
}

/**
 * The path split the way the schema reads it: inside a record whose values are not mappings (such
 * as `expect:`, keyed by dotted metric names) the remaining segments are one key, so
 * `expect.safety.violations` is ['expect', 'safety.violations']. Undefined when no field matches.
 */
export function normalizePath(schema: z.ZodType, path: readonly string[]): string[] | undefined {
  if (resolve(schema, path).length > 0) return [...path];
  for (let i = 1; i < path.length - 1; i++) {
    const container = resolve(schema, path.slice(0, i)).map(unwrap);
    const record = container.find((c) => def(c).type === 'record');
    if (record && def(unwrap(def(record).valueType!)).type !== 'object') return [...path.slice(0, i), path.slice(i).join('.')];
  }
  return undefined;
}

/**
 * Keys accepted by the object(s) at `path`; empty when the path is not an object. Given the
 * `input`, a discriminated union lists the keys of the variant its tag selects (an attack's `type`).
 */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[], input?: unknown): string[] {
  const keys = new Set<string>();
  for (const s of resolve(schema, path.map(String), input)) {
    const d = def(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}
