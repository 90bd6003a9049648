/**
 * Turns zod's validation issues into "expected X, found Y" pairs at a field path. zod knows what it
 * expected; what was found is read from the raw input at the issue's path, so the message quotes
 * the user's own value.
 */
import type { z } from 'zod';
import { describeFound } from './errors.ts';

export interface FieldIssue {
  readonly path: readonly PropertyKey[];
  readonly expected: string;
  readonly found: string;
}

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  number: 'a number', int: 'an integer', string: 'a string', boolean: 'true or false',
  object: 'a mapping', array: 'a list', record: 'a mapping', null: 'null', undefined: 'nothing',
};

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean; origin?: string }, small: boolean): string {
  const limit = String(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'array') return small ? `a list of at least ${limit} items` : `a list of at most ${limit} items`;
  if (issue.origin === 'string') return small ? `a string of at least ${limit} characters` : `a string of at most ${limit} characters`;
  const op = small ? (issue.inclusive ? '≥' : '>') : (issue.inclusive ? '≤' : '<');
  return `a number ${op} ${limit}`;
}

/** Levenshtein distance, for "did you mean" on unknown keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

/**
 * What was found at `path`, as a message says it. A missing field whose name its mapping holds
 * glued to a value by a colon (`{kind:fixed}`: YAML's flow style needs a space after the colon,
 * so it reads one key 'kind:fixed' with no value) says so, since the missing field was written.
 */
function foundAt(input: unknown, path: readonly PropertyKey[]): string {
  const value = valueAt(input, path);
  const name = path[path.length - 1];
  if (value !== undefined || typeof name !== 'string' || path.length === 0) return describeFound(value);
  const parent = valueAt(input, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return describeFound(value);
  const glued = Object.keys(parent).find((k) => k.startsWith(`${name}:`) && k.length > name.length + 1);
  if (glued === undefined) return describeFound(value);
  return `nothing: YAML read '${glued}' as one key with no value (write '${name}: ${glued.slice(name.length + 1)}', a space after the colon)`;
}

/**
 * `knownKeysAt(path)` lists the keys the schema accepts at `path` (for unknown-key messages).
 */
export function translateIssues(
  issues: readonly Issue[],
  input: unknown,
  knownKeysAt: (path: readonly PropertyKey[]) => readonly string[],
  prefix: readonly PropertyKey[] = [],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const found = foundAt(input, path);
    switch (issue.code) {
      case 'invalid_type': {
        // A schema that words its own type error ("expected a duration with a unit, found 5") keeps it.
        const own = /^expected ([\s\S]*), found ([\s\S]*)$/.exec(issue.message);
        out.push(own ? { path, expected: own[1]!, found: own[2]! } : { path, expected: TYPE_NAMES[issue.expected] ?? issue.expected, found });
        break;
      }
      case 'unrecognized_keys': {
        const keys = knownKeysAt(path);
        for (const key of issue.keys) {
          const guess = closest(key, keys);
          const expected = guess ? `a known key (did you mean '${guess}'?)` : keys.length > 0 ? `one of the known keys: ${keys.join(', ')}` : 'only the fields this mapping documents';
          out.push({ path: [...path, key], expected, found: `the unknown key '${key}'` });
        }
        break;
      }
      case 'too_small':
        out.push({ path, expected: bound(issue, true), found });
        break;
      case 'too_big':
        out.push({ path, expected: bound(issue, false), found });
        break;
      case 'invalid_value':
        out.push({ path, expected: `one of ${issue.values.map((v) => `'${String(v)}'`).join(', ')}`, found });
        break;
      case 'invalid_union':
        out.push(...translateUnion(issue, path, input, knownKeysAt));
        break;
      case 'invalid_key':
        // A record key that fails its own schema (e.g. a metric name in `expect:`).
        for (const keyIssue of issue.issues) out.push({ path, expected: keyIssue.message, found: `the key '${String(path[path.length - 1])}'` });
        break;
      case 'invalid_format':
        out.push({ path, expected: issue.message, found });
        break;
      default: {
        // Custom issues from this project's refinements are already worded "expected X, found Y".
        const m = /^expected ([\s\S]*), found ([\s\S]*)$/.exec(issue.message);
        out.push(m ? { path, expected: m[1]!, found: m[2]! } : { path, expected: issue.message, found });
      }
    }
  }
  return out;
}

function translateUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  path: PropertyKey[],
  input: unknown,
  knownKeysAt: (path: readonly PropertyKey[]) => readonly string[],
): FieldIssue[] {
  const found = foundAt(input, path);
  if ('discriminator' in issue && issue.errors.length === 0) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return [{ path, expected: `one of ${options.map((o) => `'${String(o)}'`).join(', ')}`, found }];
  }
  // Report the branch that got furthest: the one whose first complaint is deepest in the value.
  let best: readonly Issue[] | undefined;
  let bestDepth = 0;
  for (const branch of issue.errors) {
    const depth = Math.max(...branch.map((i) => i.path.length));
    if (depth > bestDepth) { best = branch; bestDepth = depth; }
  }
  if (best) return translateIssues(best, input, knownKeysAt, path);
  // Each branch's own wording of what it accepts: a type, a refinement's "expected X", a literal.
  const expectedForms = issue.errors.flatMap((b) =>
    b.flatMap((i) => {
      if (i.code === 'invalid_type') return [TYPE_NAMES[i.expected] ?? i.expected];
      if (i.code === 'invalid_value') return i.values.map((v) => `'${String(v)}'`);
      const m = i.code === 'custom' ? /^expected ([\s\S]*), found [\s\S]*$/.exec(i.message) : null;
      return m ? [m[1]!] : [];
    }),
  );
  const unique = [...new Set(expectedForms)];
  return [{ path, expected: unique.length > 0 ? unique.join(' or ') : 'one of the accepted forms', found }];
}
