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

/** The schemas a path can lead to (unions fan out), or [] when no branch accepts it. */
function resolve(schema: z.ZodType, path: readonly string[]): z.ZodType[] {
  const s = unwrap(schema);
  if (path.length === 0) return [s];
  const [head, ...rest] = path as [string, ...string[]];
  const d = def(s);
  switch (d.type) {
    case 'object': {
      const child = d.shape?.[head];
      return child ? resolve(child, rest) : [];
    }
    case 'array':
      return /^\d+$/.test(head) && d.element ? resolve(d.element, rest) : [];
    case 'record':
      return d.valueType ? resolve(d.valueType, rest) : [];
    case 'union':
      return (d.options ?? []).flatMap((o) => resolve(o, path));
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

/** Keys accepted by the object(s) at `path`; empty when the path is not an object. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const s of resolve(schema, path.map(String))) {
    const d = def(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}
