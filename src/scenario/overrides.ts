/**
 * `--set a.b=value` and `--vary a.b=...` overrides: a dotted path into the scenario and a value
 * parsed as YAML (`4`, `true`, `500ms`, `[a, b]`). A path that names no field is an error, so a
 * typo in an override cannot silently run the unmodified scenario.
 */
import { parseDocument } from 'yaml';
import { aliasInsideItsAnchor, selfReference } from './yaml-source.ts';
import { inputError } from './errors.ts';
import { isReservedKey, keysAt, normalizePath } from './schema-paths.ts';
import { closest } from './zod-issues.ts';
import { zScenario } from './schema.ts';

export interface Override {
  /** The flag as typed, e.g. `--set consensus.nodes=7`; errors name it as their source. */
  readonly source: string;
  readonly path: readonly string[];
  readonly value: unknown;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|\d+))*$/;

/** Split `key=rest` and check that `key` names a scenario field. */
export function parseOverrideKey(flag: string, expr: string, form: string): { path: string[]; rest: string } {
  const source = `${flag} ${expr}`;
  const eq = expr.indexOf('=');
  if (eq <= 0) throw inputError(source, '(flag)', form, `'${expr}'`);
  const key = expr.slice(0, eq).trim();
  if (!KEY.test(key)) throw inputError(source, '(flag)', `${form} with a dotted field path such as consensus.nodes`, `the key '${key}'`);
  const segments = key.split('.');
  if (segments[0] === 'extends') throw inputError(source, key, 'a scenario field (extends is only valid inside a file)', "'extends'");
  const path = normalizePath(zScenario, segments);
  if (path === undefined && mayNamePluginField(segments)) return { path: segments, rest: expr.slice(eq + 1) };
  if (path === undefined) {
    // Name the first segment that does not exist, with a suggestion.
    let known = 0;
    while (known < segments.length && normalizePath(zScenario, segments.slice(0, known + 1)) !== undefined) known++;
    const keys = keysAt(zScenario, segments.slice(0, known));
    const bad = segments[known]!;
    const guess = closest(bad, keys);
    const expected = guess ? `a known key (did you mean '${guess}'?)` : keys.length > 0 ? `one of the known keys: ${keys.join(', ')}` : 'a field of the scenario';
    throw inputError(source, segments.slice(0, known + 1).join('.'), expected, `the unknown key '${bad}'`);
  }
  return { path, rest: expr.slice(eq + 1) };
}

/**
 * Fields a plug-in module brings (docs/plugins.md) are unknown until it is loaded: a plug-in
 * protocol's block `consensus.<name>.*`, the `consensus.protocol.module` reference itself, and a
 * plug-in attack's fields `attacks.<k>.*`. Such paths pass here and are checked with the rest of
 * the scenario once its plug-ins are loaded (issues still name the flag).
 */
function mayNamePluginField(segments: readonly string[]): boolean {
  if (segments.some(isReservedKey)) return false;
  if (segments[0] === 'attacks') return segments.length >= 3 && /^\d+$/.test(segments[1]!);
  if (segments[0] !== 'consensus' || segments.length < 2) return false;
  if (segments[1] === 'protocol') return segments.length === 3 && segments[2] === 'module';
  return !keysAt(zScenario, ['consensus']).includes(segments[1]!);
}

/** Parse one value written on the command line as YAML; an empty value is the empty string. */
export function parseOverrideValue(source: string, key: string, text: string): unknown {
  if (text.trim() === '') return '';
  const expected = 'a value written as YAML (a number, true/false, a string, [a, b])';
  const doc = parseDocument(text);
  const loop = doc.errors.length === 0 ? aliasInsideItsAnchor(doc) : undefined;
  const problem = doc.errors[0]?.message ?? (loop === undefined ? undefined : selfReference(loop));
  if (problem !== undefined) throw inputError(source, key, expected, `'${text}' (${problem.split('\n')[0]})`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw inputError(source, key, expected, `'${text}' (${(err as Error).message.split('\n')[0]})`);
  }
}

export function parseSet(expr: string): Override {
  const source = `--set ${expr}`;
  const { path, rest } = parseOverrideKey('--set', expr, 'key=value');
  return { source, path, value: parseOverrideValue(source, path.join('.'), rest) };
}

/** Set an own property, whatever its name (a plain `obj[key] = v` with `__proto__` would set the prototype). */
export function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Return a copy of `input` with `value` at `path`, creating intermediate mappings. */
export function withOverride(input: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const root = structuredClone(input);
  let node: Record<string, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== 'object') setOwn(node, key, {});
    node = node[key] as Record<string, unknown>;
  }
  setOwn(node, path[path.length - 1]!, value);
  return root;
}
