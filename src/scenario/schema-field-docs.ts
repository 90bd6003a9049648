/**
 * The fields of a zod schema, described for people: each field's path, type with its bounds or
 * unit, default (shown with units, as a scenario writes it) and meaning (the schema's own
 * `.describe()`). `iomtsim list` describes a protocol's, an attack's or a detector's parameters
 * with it, and the scenario's field reference (field-reference.ts) builds on it; this file stays
 * apart from the scenario schema so that listing one protocol's parameters does not load the
 * whole schema.
 */
import { z } from 'zod';
import { zBandwidthBps, zDurationUs, zPositiveDurationUs, zSizeBytes } from './zod-units.ts';

export type Json = Record<string, unknown>;

export interface FieldDoc {
  readonly path: string;
  readonly type: string;
  readonly defaultText: string;
  readonly meaning: string;
}

/**
 * A schema's input form as a JSON Schema, with each default that holds a quantity (a duration,
 * size or bandwidth, alone, in a list or in a mapping such as a latency distribution) given as a
 * scenario writes it ('10ms', `{kind: fixed, value: 5ms}`). zod leaves such a default out of an
 * input-side schema, as it must: what it holds is the parsed number (µs, bytes, bits/s), which the
 * field, taking text with a unit, would refuse. Without this `iomtsim schema` and the field
 * reference showed no default for any duration that `iomtsim list` gives one.
 */
export function inputJsonSchema(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const d = (zodSchema as unknown as { _zod: { def: { type: string; defaultValue?: unknown } } })._zod.def;
      if (d.type !== 'default' || 'default' in jsonSchema) return;
      const written = writtenForm(d.defaultValue, jsonSchema as Json);
      // A default zod left out for another reason (a transform that is no quantity) has no input form to give.
      if (written.converted) (jsonSchema as Json)['default'] = written.value;
    },
  }) as Json;
}

/**
 * `value`, a parsed default, as a scenario writes it under JSON Schema `node`: each quantity in it
 * with its unit. `converted`: whether it held any quantity.
 */
export function writtenForm(value: unknown, node: Json): { value: unknown; converted: boolean } {
  const nodes = variants(node);
  if (typeof value === 'number') {
    const unit = nodes.find((n) => typeof n['x-unit'] === 'string')?.['x-unit'] as string | undefined;
    return unit === undefined ? { value, converted: false } : { value: formatDefault(value, unit), converted: true };
  }
  if (Array.isArray(value)) {
    const items = nodes.find((n) => n['items'] !== undefined)?.['items'] as Json | undefined;
    if (items === undefined) return { value, converted: false };
    const each = value.map((v) => writtenForm(v, items));
    return { value: each.map((e) => e.value), converted: each.some((e) => e.converted) };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Json);
    // The alternative that has every key, and whose constants (a distribution's `kind`) the value matches.
    const fits = (n: Json): boolean => {
      const props = n['properties'] as Record<string, Json> | undefined;
      return props !== undefined && entries.every(([k, v]) => props[k] !== undefined && (props[k]!['const'] === undefined || props[k]!['const'] === v));
    };
    const props = nodes.find(fits)?.['properties'] as Record<string, Json> | undefined;
    if (props === undefined) return { value, converted: false };
    const each = entries.map(([k, v]) => [k, writtenForm(v, props[k]!)] as const);
    return { value: Object.fromEntries(each.map(([k, e]) => [k, e.value])), converted: each.some(([, e]) => e.converted) };
  }
  return { value, converted: false };
}

/**
 * A node's alternatives (anyOf, oneOf), flattened; the node itself when it has none. An alternative
 * that only names required fields is a constraint on the node (an entry sets at least one of them),
 * not a shape of its own.
 */
export function variants(node: Json): Json[] {
  const alts = [...((node['anyOf'] as Json[]) ?? []), ...((node['oneOf'] as Json[]) ?? [])].filter((alt) => Object.keys(alt).some((key) => key !== 'required'));
  return alts.length === 0 ? [node] : alts.flatMap(variants);
}

/** The field's type; alternatives joined by `separator` (escaped for a Markdown table by default). */
export function typeOf(node: Json, separator = ' \\| '): string {
  const parts = new Set<string>();
  for (const v of variants(node)) {
    if (v['x-unit']) parts.add(String(v['x-unit']));
    else if (v['const'] !== undefined) parts.add(`'${String(v['const'])}'`);
    else if (Array.isArray(v['enum'])) for (const e of v['enum'] as unknown[]) parts.add(`'${String(e)}'`);
    else if (v['type'] === 'array') parts.add('list');
    else if (v['type'] === 'object') parts.add('mapping');
    else if (v['type'] !== undefined) {
      const bounds = [v['minimum'] !== undefined ? `≥ ${String(v['minimum'])}` : '', v['exclusiveMinimum'] !== undefined ? `> ${String(v['exclusiveMinimum'])}` : '',
        v['maximum'] !== undefined && Number(v['maximum']) < Number.MAX_SAFE_INTEGER ? `≤ ${String(v['maximum'])}` : '', v['exclusiveMaximum'] !== undefined ? `< ${String(v['exclusiveMaximum'])}` : ''].filter(Boolean);
      parts.add(`${String(v['type'])}${bounds.length ? ` ${bounds.join(', ')}` : ''}`);
    }
  }
  return [...parts].join(separator);
}

/** Every field path under `node`, with the schema nodes that define it (each alternative of a union adds its own). */
export function collect(node: Json, path: string[], out: Map<string, Json[]>): void {
  for (const v of variants(node)) {
    const props = v['properties'] as Record<string, Json> | undefined;
    if (props) {
      for (const [key, child] of Object.entries(props)) {
        const p = [...path, key];
        const name = p.join('.');
        out.set(name, [...(out.get(name) ?? []), child]);
        collect(child, p, out);
      }
    }
    if (v['items']) collect(v['items'] as Json, [...path.slice(0, -1), `${path[path.length - 1] ?? ''}[]`], out);
    if (v['additionalProperties'] && typeof v['additionalProperties'] === 'object') collect(v['additionalProperties'] as Json, [...path, '<name>'], out);
  }
}

/** The descriptions every quantity carries ("a positive duration with a unit ..."): they say what to write, not what the field means. */
const UNIT_DESCRIPTIONS = new Set(
  [zDurationUs, zPositiveDurationUs, zSizeBytes, zBandwidthBps].map((schema) => String(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })['description'])),
);

/** The field's own description in the schema, if it has one. */
export function describedMeaning(nodes: readonly Json[]): string | undefined {
  for (const node of nodes) {
    const text = node['description'];
    if (typeof text === 'string' && !UNIT_DESCRIPTIONS.has(text)) return text;
  }
  return undefined;
}

const US_UNITS: Array<[number, string]> = [[3_600_000_000, 'h'], [60_000_000, 'm'], [1_000_000, 's'], [1_000, 'ms'], [1, 'us']];
const BYTE_UNITS: Array<[number, string]> = [[1_048_576, 'MiB'], [1_000_000, 'MB'], [1_024, 'KiB'], [1_000, 'KB'], [1, 'B']];
const BPS_UNITS: Array<[number, string]> = [[1_000_000_000, 'Gbps'], [1_000_000, 'Mbps'], [1_000, 'Kbps'], [1, 'bps']];

function withUnit(value: number, units: Array<[number, string]>, zero: string): string {
  if (value === 0) return zero;
  for (const [factor, name] of units) if (value % factor === 0) return `${value / factor}${name}`;
  return String(value);
}

/** A value as a scenario would write it: quantities with the largest unit that keeps them whole. */
export function formatDefault(value: unknown, unit: string | undefined): string {
  if (value === undefined) return '';
  // A zero as `iomtsim list attacks` writes it (0s, not 0us).
  if (typeof value === 'number' && unit === 'duration') return withUnit(value, US_UNITS, '0s');
  if (typeof value === 'number' && unit === 'size') return withUnit(value, BYTE_UNITS, '0B');
  if (typeof value === 'number' && unit === 'bandwidth') return withUnit(value, BPS_UNITS, '0bps');
  if (typeof value === 'object' && value !== null) {
    const text = JSON.stringify(value);
    return text.length > 40 ? '(see below)' : text;
  }
  return String(value);
}

/** A parsed default, written as a scenario writes it, under the schema nodes of its field; '' for none. */
export function defaultTextOf(value: unknown, nodes: readonly Json[]): string {
  return formatDefault(writtenForm(value, { anyOf: [...nodes] }).value, undefined);
}

/** The value at a dotted field path; undefined through lists and named entries. */
export function valueAtPath(root: unknown, path: string): unknown {
  let v = root;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || key.endsWith('[]') || key === '<name>') return undefined;
    v = (v as Json)[key];
  }
  return v;
}

/**
 * The fields of one schema on its own (a protocol's parameters, a detector's): path, type, default
 * (from `defaults`) and the field's description.
 */
export function schemaFieldDocs(schema: z.ZodType, defaults: unknown): FieldDoc[] {
  const fields = new Map<string, Json[]>();
  collect(inputJsonSchema(schema), [], fields);
  return [...fields].map(([path, nodes]) => {
    return {
      path,
      type: [...new Set(nodes.map((n) => typeOf(n, ' | ')))].join(' | '),
      defaultText: defaultTextOf(valueAtPath(defaults, path), nodes),
      meaning: describedMeaning(nodes) ?? '',
    };
  });
}
